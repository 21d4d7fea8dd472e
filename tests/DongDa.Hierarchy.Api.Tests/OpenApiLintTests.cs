using System.Diagnostics;
using System.Text.RegularExpressions;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>
/// The host's OpenAPI document passes Redocly's recommended rules with no error and no warning:
/// every operation named and summarized, the bearer scheme declared, the problem schema as sent.
/// </summary>
public sealed partial class OpenApiLintTests
{
    private static readonly string Tools = Path.Combine(TestRepository.Root, "tests", "openapi-lint");

    [Fact]
    public async Task The_OpenAPI_document_passes_the_recommended_lint_rules()
    {
        var linter = Path.Combine(Tools, "node_modules", ".bin", "redocly");
        if (!File.Exists(linter)) throw new MissingPrerequisiteException("The OpenAPI linter (@redocly/cli)", "npm ci --prefix tests/openapi-lint");

        await using var store = new SqliteTestStore();
        await using var host = new HostFactory(store, seed: false);
        using var client = host.CreateClient();
        var document = Path.Combine(Path.GetTempPath(), $"dongda-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await client.GetStringAsync("/openapi/v1.json"));
        try
        {
            var start = new ProcessStartInfo(linter, ["lint", document, "--config", Path.Combine(Tools, "redocly.yaml"), "--format", "stylish"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            start.Environment["NO_COLOR"] = "1";
            using var lint = Process.Start(start)!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            var report = await output + await errors;

            Assert.True(lint.ExitCode == 0, report);
            Assert.True(!Problem().IsMatch(report), report);
            Assert.Contains("Your API description is valid", report);
        }
        finally
        {
            File.Delete(document);
        }
    }

    /// <summary>A problem line of the stylish format: "  12:5  warning  rule-name  message".</summary>
    [GeneratedRegex(@"^\s*\d+:\d+\s+(error|warning)\s", RegexOptions.Multiline)]
    private static partial Regex Problem();
}
