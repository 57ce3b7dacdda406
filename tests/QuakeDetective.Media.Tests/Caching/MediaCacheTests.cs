using QuakeDetective.Media.Caching;

namespace QuakeDetective.Media.Tests.Caching;

public sealed class MediaCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "quake-media-cache-tests-" + Guid.NewGuid().ToString("N"));
    private readonly MediaCache _cache;

    public MediaCacheTests()
    {
        _cache = new MediaCache(_folder);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task GetOrCreate_SecondCall_ServedWithoutTheFactory()
    {
        var calls = 0;
        Task<byte[]> Factory(CancellationToken ct)
        {
            calls++;
            return Task.FromResult<byte[]>([1, 2, 3]);
        }

        var first = await _cache.GetOrCreateAsync("subject-1|plot-1", "png", Factory);
        var second = await _cache.GetOrCreateAsync("subject-1|plot-1", "png", Factory);

        Assert.Equal(1, calls);
        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal([1, 2, 3], second.Content);
        Assert.Equal(first.ETag, second.ETag);
        Assert.Equal(first.Path, second.Path);
        Assert.True(File.Exists(second.Path));
    }

    [Fact]
    public async Task GetOrCreate_ETag_IsStrongQuotedAndFollowsContent()
    {
        var a = await _cache.GetOrCreateAsync("a", "wav", _ => Task.FromResult<byte[]>([1]));
        var b = await _cache.GetOrCreateAsync("b", "wav", _ => Task.FromResult<byte[]>([2]));
        var c = await _cache.GetOrCreateAsync("c", "wav", _ => Task.FromResult<byte[]>([1]));

        Assert.Matches("^\"[0-9a-f]{16}\"$", a.ETag);
        Assert.NotEqual(a.ETag, b.ETag);
        Assert.Equal(a.ETag, c.ETag);
    }

    [Fact]
    public async Task GetOrCreate_ConcurrentCallers_RenderOnce()
    {
        var calls = 0;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<byte[]> Factory(CancellationToken ct)
        {
            Interlocked.Increment(ref calls);
            started.TrySetResult();
            await release.Task;
            return [42];
        }

        var first = _cache.GetOrCreateAsync("same", "png", Factory);
        await started.Task;
        var others = Enumerable.Range(0, 20).Select(_ => Task.Run(() => _cache.GetOrCreateAsync("same", "png", Factory))).ToList();
        release.SetResult();
        var results = await Task.WhenAll(others.Append(first));

        Assert.Equal(1, calls);
        Assert.All(results, r => Assert.Equal([42], r.Content));

        // Callers that arrive after the render read the stored object (a different entry instance): same bytes, same ETag.
        Assert.All(results, r => Assert.Equal(results[0].ETag, r.ETag));
    }

    [Fact]
    public async Task GetOrCreate_OneCallerCancels_OthersStillGetTheFile()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<byte[]> Factory(CancellationToken ct)
        {
            await release.Task;
            return [7];
        }

        using var cts = new CancellationTokenSource();
        var impatient = _cache.GetOrCreateAsync("k", "png", Factory, cts.Token);
        var patient = _cache.GetOrCreateAsync("k", "png", Factory);
        await cts.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.Equal([7], (await patient).Content);
    }

    [Fact]
    public async Task GetOrCreate_LeavesNoTemporaryFiles()
    {
        for (var i = 0; i < 10; i++)
        {
            await _cache.GetOrCreateAsync("key " + i, "png", _ => Task.FromResult(new byte[1000]));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _cache.GetOrCreateAsync("broken", "png", _ => throw new InvalidOperationException("render failed")));

        var files = Directory.GetFiles(_folder, "*", SearchOption.AllDirectories);
        Assert.Equal(10, files.Length);
        Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetOrCreate_FailedRendering_IsRetriedNextTime()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _cache.GetOrCreateAsync("flaky", "png", _ => throw new InvalidOperationException("render failed")));

        var entry = await _cache.GetOrCreateAsync("flaky", "png", _ => Task.FromResult<byte[]>([9]));

        Assert.True(entry.Created);
        Assert.Equal([9], entry.Content);
    }

    [Theory]
    [InlineData("../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\..\\windows\\system32")]
    [InlineData("a/../../b\0c")]
    [InlineData("..")]
    public async Task GetOrCreate_KeyWithPathCharacters_StaysInsideTheFolder(string key)
    {
        var entry = await _cache.GetOrCreateAsync(key, "png", _ => Task.FromResult<byte[]>([1]));

        var root = Path.GetFullPath(_folder) + Path.DirectorySeparatorChar;
        Assert.StartsWith(root, Path.GetFullPath(entry.Path), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}\\.png$", Path.GetFileName(entry.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../png")]
    [InlineData("p/ng")]
    [InlineData("waytoolongextension")]
    public async Task GetOrCreate_BadExtension_Throws(string extension)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _cache.GetOrCreateAsync("k", extension, _ => Task.FromResult<byte[]>([1])));
    }

    [Fact]
    public async Task TryGet_BeforeAndAfterCreation()
    {
        Assert.Null(await _cache.TryGetAsync("x", "wav"));

        await _cache.GetOrCreateAsync("x", "wav", _ => Task.FromResult<byte[]>([5]));

        Assert.Equal([5], (await _cache.TryGetAsync("x", "wav"))!.Content);
    }

    [Fact]
    public async Task GetOrCreate_AnotherCacheOnTheSameFolder_SeesTheFile()
    {
        await _cache.GetOrCreateAsync("shared", "png", _ => Task.FromResult<byte[]>([3]));

        var entry = await new MediaCache(_folder).GetOrCreateAsync("shared", "png", _ => throw new InvalidOperationException("should not render"));

        Assert.Equal([3], entry.Content);
    }
}
