using System.Globalization;
using System.IO.Compression;

namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>
/// Refuses a zip bomb from the sizes the zip's directory declares, before anything is inflated. Declared sizes
/// are enough: ZipArchive stops inflating an entry at its declared size, so an entry that lies cannot grow past it.
/// </summary>
internal static class ZipGuard
{
    /// <summary>Below this a workbook cannot hurt, whatever its ratio; tiny parts of repeated markup compress tightly.</summary>
    private const long RatioFloor = 1L << 20;

    public static void Check(Stream stream, SheetLimits limits)
    {
        stream.Position = 0;
        long expanded = 0, compressed = 0;
        using (var zip = Open(stream))
        {
            foreach (var entry in zip.Entries)
            {
                // Compared before adding, so a forged size cannot overflow the sum.
                if (entry.Length > limits.MaxExpandedBytes - expanded)
                {
                    throw TooBig(limits);
                }

                expanded += entry.Length;
                compressed += entry.CompressedLength;
            }
        }

        if (expanded > RatioFloor && expanded / Math.Max(compressed, 1) > limits.MaxRatio)
        {
            throw new SheetException(
                "The workbook is compressed far more tightly than a real spreadsheet, as a malicious file is, and was refused. "
                + "Open it in Excel, save it again as .xlsx and upload the new file.");
        }
    }

    private static ZipArchive Open(Stream stream)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw XlsxSheetReader.NotAWorkbook(e);
        }
    }

    private static SheetException TooBig(SheetLimits limits) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The workbook holds more than {limits.MaxExpandedBytes >> 20:N0} MB of data once opened, more than one upload may hold. Split it into smaller files."));
}
