namespace DongDa.Hierarchy.TestSupport;

/// <summary>The checkout the tests were built from, for the files of it they read (dashboards, the linter's configuration).</summary>
public static class TestRepository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DongDa.Hierarchy.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No DongDa.Hierarchy.sln above {AppContext.BaseDirectory}.");
    }
}
