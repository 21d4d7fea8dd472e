using DongDa.Hierarchy.Host.Access;
using Microsoft.Extensions.Hosting;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>
/// Many callers making the development key of one fresh folder at the same moment, as a host and
/// its <c>token</c> commands do: every one gets the same whole key, none an error.
/// </summary>
public sealed class SigningKeyTests
{
    private sealed class DevelopmentEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    [Fact]
    public async Task Callers_racing_on_a_fresh_folder_all_read_the_one_key_that_was_made()
    {
        var environment = new DevelopmentEnvironment();
        for (var round = 0; round < 200; round++)
        {
            var folder = Path.Combine(Path.GetTempPath(), "dongda-key-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var start = new Barrier(8);
                // Threads of their own, so that all eight wait at the barrier and leave it together.
                var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
                {
                    start.SignalAndWait();
                    return Convert.ToBase64String(SigningKeys.Resolve(new AuthOptions(), environment, folder)!.Key);
                }, TaskCreationOptions.LongRunning)));

                Assert.Single(keys.Distinct());
                Assert.Equal(keys[0], File.ReadAllText(Path.Combine(folder, SigningKeys.DevelopmentKeyFile)));
                Assert.Equal([SigningKeys.DevelopmentKeyFile], Directory.GetFiles(folder).Select(Path.GetFileName));
            }
            finally
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
        }
    }
}
