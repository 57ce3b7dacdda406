using QuakeDetective.Media.Caching;
using QuakeDetective.Storage;

namespace QuakeDetective.Media.Tests.Caching;

/// <summary>The media cache in a blob store shared with other data (the site's layout: "media/…" beside "waveforms/…").</summary>
public sealed class MediaCacheOnBlobStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "quake-media-blobs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Entries_LiveUnderTheMediaPrefix()
    {
        var store = new LocalFolderBlobStore(_root);
        var cache = new MediaCache(store);

        var entry = await cache.GetOrCreateAsync("plot|c1/ab/x.mseed|w1200", "png", _ => Task.FromResult<byte[]>([1, 2]));

        var keys = await store.ListAsync(string.Empty).Select(i => i.Key).ToListAsync();
        var key = Assert.Single(keys);
        Assert.Matches("^media/[0-9a-f]{2}/[0-9a-f]{40}\\.png$", key);
        Assert.Equal(cache.KeyFor("plot|c1/ab/x.mseed|w1200", "png"), key);
        Assert.Equal(store.Locate(key), entry.Path);
        Assert.Equal(Path.Combine(_root, "media"), cache.Folder);
    }

    [Fact]
    public async Task InstancesSharingAStore_ServeWhatAnotherRendered()
    {
        var first = new MediaCache(new LocalFolderBlobStore(_root));
        var second = new MediaCache(new LocalFolderBlobStore(_root));

        var rendered = await first.GetOrCreateAsync("k", "wav", _ => Task.FromResult<byte[]>([5, 6, 7]));
        var served = await second.GetOrCreateAsync("k", "wav", _ => throw new InvalidOperationException("the second instance must not render"));

        Assert.True(rendered.Created);
        Assert.False(served.Created);
        Assert.Equal(rendered.Content, served.Content);
        Assert.Equal(rendered.ETag, served.ETag);
    }

    [Fact]
    public async Task InstancesRenderingAtOnce_LeaveOneCompleteObject()
    {
        var caches = Enumerable.Range(0, 4).Select(_ => new MediaCache(new LocalFolderBlobStore(_root))).ToList();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var content = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();

        var renders = caches.Select(c => c.GetOrCreateAsync("same", "png", async _ =>
        {
            await release.Task;
            return content;
        })).ToList();
        release.SetResult();
        var entries = await Task.WhenAll(renders);

        Assert.All(entries, e => Assert.Equal(content, e.Content));
        Assert.Equal(content, (await caches[0].TryGetAsync("same", "png"))!.Content);
        Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../media")]
    [InlineData("media/../..")]
    [InlineData("/abs")]
    public void Prefix_OutsideTheStore_IsRefused(string prefix)
    {
        Assert.ThrowsAny<ArgumentException>(() => new MediaCache(new LocalFolderBlobStore(_root), prefix));
    }
}
