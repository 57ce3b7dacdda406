using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Storage;
using QuakeDetective.Seismic;
using QuakeDetective.Storage;

namespace QuakeDetective.Core.Tests.Storage;

public sealed class BlobStorageConfigurationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "quake-blob-config-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task UnknownProvider_FailsStartUpWithWhatToWriteInstead()
    {
        using var host = Build(new() { ["Storage:Provider"] = "s3" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Storage:Provider 's3' is not supported", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'local'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:BlobRoot", ex.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IBlobStore>());
    }

    [Fact]
    public void Default_IsTheLocalStoreInTheDataFolder()
    {
        using var host = Build([]);

        var store = Assert.IsType<LocalFolderBlobStore>(host.Services.GetRequiredService<IBlobStore>());

        Assert.Equal(Path.Combine(_folder, "data"), store.Root);
    }

    [Fact]
    public void BlobRoot_MovesWaveformsButNotTheDatabase()
    {
        var shared = Path.Combine(_folder, "shared");
        using var host = Build(new() { ["Storage:Provider"] = "LOCAL", ["Storage:BlobRoot"] = shared });
        var waveforms = host.Services.GetRequiredService<WaveformStore>();

        var path = waveforms.Save("c1", "key-1", [new Trace(new SeedId("XX", "STA", "00", "BHZ"), 0, 20, [1, 2, 3, 4])]);

        Assert.True(File.Exists(Path.Combine(shared, "waveforms", path)));
        Assert.False(Directory.Exists(Path.Combine(_folder, "data", "waveforms")));
        Assert.Equal(Path.Combine(_folder, "data", "quake.db"), host.Services.GetRequiredService<DataFolder>().DatabasePath);
        Assert.Equal([1.0, 2, 3, 4], waveforms.Load(path)[0].Samples);
    }

    [Theory]
    [InlineData("../../quake.db")]
    [InlineData("/etc/passwd")]
    [InlineData("c1/../../x.mseed")]
    public void WaveformPath_OutsideTheStore_IsRefused(string path)
    {
        using var host = Build([]);
        var waveforms = host.Services.GetRequiredService<WaveformStore>();

        var ex = Assert.Throws<InvalidOperationException>(() => waveforms.Load(path));

        Assert.Contains($"Waveform path '{path}'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => waveforms.Delete(path));
        Assert.Throws<InvalidOperationException>(() => waveforms.Save("..", "k", [new Trace(new SeedId("XX", "STA", "00", "BHZ"), 0, 20, [1])]));
    }

    [Fact]
    public void MissingWindow_IsAFileNotFoundThatNamesIt()
    {
        using var host = Build([]);

        var ex = Assert.Throws<FileNotFoundException>(() => host.Services.GetRequiredService<WaveformStore>().Load("c1/ab/missing.mseed"));

        Assert.Contains("c1/ab/missing.mseed", ex.Message, StringComparison.Ordinal);
    }

    private IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = Path.Combine(_folder, "data"),
            ["Demo:Enabled"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddQuakeData();
        return builder.Build();
    }
}
