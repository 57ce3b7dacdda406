using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Storage;
using QuakeDetective.Storage;
using QuakeDetective.Tests;

namespace QuakeDetective.Web.Tests.Storage;

/// <summary>Two site instances with their own data folders, one database and one Storage:BlobRoot: a configuration change, nothing more.</summary>
public sealed class SharedBlobStoreTests : IDisposable
{
    private readonly string _shared = Path.Combine(Path.GetTempPath(), "quake-shared-blobs-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => QuakeWebFactory.TryDelete(_shared);

    [Fact]
    public async Task TwoInstances_OnOneBlobRoot_ServeTheSameWindowsAndMedia()
    {
        using var first = new QuakeWebFactory(settings: new Dictionary<string, string?> { ["Storage:BlobRoot"] = _shared });
        var firstClient = first.CreateClient(); // starts the site: migrations and the demo campaign, its windows written to the shared root
        using var second = new QuakeWebFactory(settings: new Dictionary<string, string?>
        {
            ["Storage:BlobRoot"] = _shared,
            ["Database:Provider"] = first.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider,
            ["Database:ConnectionString"] = ConnectionStringOf(first),
        });
        var secondClient = second.CreateClient();
        await using var db = await first.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();
        var subject = await db.Subjects.OrderBy(s => s.Id).Select(s => new { s.Id, s.WaveformPath }).FirstAsync();

        // Windows: the second instance reads what the first stored; neither data folder holds any.
        var window = first.GetRequiredService<WaveformStore>().Load(subject.WaveformPath);
        var sameWindow = second.GetRequiredService<WaveformStore>().Load(subject.WaveformPath);
        Assert.Equal(window[0].Samples, sameWindow[0].Samples);
        Assert.True(File.Exists(Path.Combine(_shared, "waveforms", subject.WaveformPath)));
        Assert.False(Directory.Exists(Path.Combine(first.DataFolder, "waveforms")));
        Assert.False(Directory.Exists(Path.Combine(second.DataFolder, "waveforms")));

        // Media: the first instance renders; then the window is taken away, so the second can only serve the shared cache.
        var plotUrl = $"/media/subjects/{subject.Id}/plot.png";
        var audioUrl = $"/media/subjects/{subject.Id}/audio.wav";
        var plot = await firstClient.GetAsync(plotUrl);
        var audio = await firstClient.GetAsync(audioUrl);
        Assert.Equal(HttpStatusCode.OK, plot.StatusCode);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.True(await first.GetRequiredService<IBlobStore>().DeleteAsync(WaveformStore.KeyOf(subject.WaveformPath)));

        var sharedPlot = await secondClient.GetAsync(plotUrl);
        var sharedAudio = await secondClient.GetAsync(audioUrl);

        Assert.Equal(HttpStatusCode.OK, sharedPlot.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sharedAudio.StatusCode);
        Assert.Equal(await plot.Content.ReadAsByteArrayAsync(), await sharedPlot.Content.ReadAsByteArrayAsync());
        Assert.Equal(await audio.Content.ReadAsByteArrayAsync(), await sharedAudio.Content.ReadAsByteArrayAsync());
        Assert.Equal(plot.Headers.ETag, sharedPlot.Headers.ETag);
        Assert.Equal("image/png", sharedPlot.Content.Headers.ContentType?.MediaType);
        Assert.Equal("audio/wav", sharedAudio.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await first.GetRequiredService<IBlobStore>().ListAsync("media/").ToListAsync());
        Assert.False(Directory.Exists(Path.Combine(second.DataFolder, "media")));
    }

    private static string ConnectionStringOf(QuakeWebFactory factory)
    {
        var options = factory.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        return DatabaseProviders.IsSqlite(options.Provider) && string.IsNullOrWhiteSpace(options.ConnectionString)
            ? $"Data Source={factory.GetRequiredService<DataFolder>().DatabasePath};Default Timeout=30;Pooling=True"
            : options.ConnectionString!;
    }
}
