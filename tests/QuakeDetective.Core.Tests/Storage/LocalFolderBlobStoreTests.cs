using QuakeDetective.Storage;

namespace QuakeDetective.Core.Tests.Storage;

public sealed class LocalFolderBlobStoreTests : BlobStoreContractTests, IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "quake-blobs-" + Guid.NewGuid().ToString("N"));
    private readonly LocalFolderBlobStore _store;

    public LocalFolderBlobStoreTests()
    {
        Directory.CreateDirectory(_parent);
        _store = new LocalFolderBlobStore(Path.Combine(_parent, "root"));
    }

    protected override IBlobStore Store => _store;

    public void Dispose()
    {
        if (Directory.Exists(_parent))
        {
            Directory.Delete(_parent, recursive: true);
        }
    }

    [Fact]
    public async Task Key_IsAFileUnderTheRoot()
    {
        await _store.WriteAllBytesAsync("media/ab/x.png", new byte[] { 4, 2 });

        var file = Path.Combine(_parent, "root", "media", "ab", "x.png");
        Assert.Equal(file, _store.Locate("media/ab/x.png"));
        Assert.Equal([4, 2], await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task TemporaryFiles_AreNotListedAndNotLeftBehind()
    {
        await _store.WriteAllBytesAsync("t/a.bin", new byte[] { 1 });
        // What a writer that crashed between creating and renaming its temporary file leaves.
        await File.WriteAllBytesAsync(Path.Combine(_store.Root, "t", ".a.bin.0123.tmp"), [9]);

        Assert.Equal(["t/a.bin"], await Keys("t/"));
        Assert.Equal([1], await _store.ReadAllBytesAsync("t/a.bin"));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_store.Root, "t")).Length);
    }

    [Fact]
    public async Task InvalidKeys_WriteNothingOutsideTheRoot()
    {
        foreach (var key in new[] { "../outside.bin", "a/../../outside.bin", "..\\outside.bin" })
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.WriteAllBytesAsync(key, new byte[] { 1 }));
        }

        Assert.False(File.Exists(Path.Combine(_parent, "outside.bin")));
        Assert.Empty(Directory.GetFiles(_parent, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TwoStoresOnOneFolder_SeeEachOthersObjects()
    {
        var other = new LocalFolderBlobStore(Path.Combine(_parent, "root") + Path.DirectorySeparatorChar);

        await _store.WriteAllBytesAsync("shared/x.bin", new byte[] { 3 });

        Assert.Equal([3], await other.ReadAllBytesAsync("shared/x.bin"));
        Assert.True(await other.DeleteAsync("shared/x.bin"));
        Assert.Null(await _store.ReadAllBytesAsync("shared/x.bin"));
    }

    [Fact]
    public async Task DeleteAbandonedTemporaryFiles_RemovesUnlockedTemporaryFilesOnly()
    {
        await _store.WriteAllBytesAsync("waveforms/c1/a.mseed", new byte[] { 1, 2, 3 });
        var folder = _store.Locate("waveforms/c1/");
        var abandoned = Path.Join(folder, ".b.mseed." + Guid.NewGuid().ToString("N") + ".tmp");
        var live = Path.Join(folder, ".c.mseed." + Guid.NewGuid().ToString("N") + ".tmp");
        await File.WriteAllBytesAsync(abandoned, new byte[] { 9 });
        await using var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None);

        var deleted = _store.DeleteAbandonedTemporaryFiles();

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(live));
        Assert.Equal(new byte[] { 1, 2, 3 }, await _store.ReadAllBytesAsync("waveforms/c1/a.mseed"));
    }
}
