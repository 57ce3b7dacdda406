using QuakeDetective.Storage;

namespace QuakeDetective.Core.Tests.Storage;

/// <summary>What every <see cref="IBlobStore"/> must do; a new implementation derives a test class from this one.</summary>
public abstract class BlobStoreContractTests
{
    protected abstract IBlobStore Store { get; }

    [Fact]
    public async Task Write_ThenRead_ReturnsTheBytesAndInfo()
    {
        byte[] content = [1, 2, 3, 4, 5];

        await Store.WriteAllBytesAsync("a/b/c.bin", content);

        Assert.Equal(content, await Store.ReadAllBytesAsync("a/b/c.bin"));
        await using (var stream = await Store.OpenReadAsync("a/b/c.bin"))
        {
            Assert.NotNull(stream);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }

        var info = await Store.GetInfoAsync("a/b/c.bin");
        Assert.NotNull(info);
        Assert.Equal("a/b/c.bin", info.Key);
        Assert.Equal(5, info.Length);
    }

    [Fact]
    public async Task Missing_ReadsAsNull_DeletesAsFalse()
    {
        Assert.Null(await Store.ReadAllBytesAsync("nothing/here.bin"));
        Assert.Null(await Store.OpenReadAsync("nothing/here.bin"));
        Assert.Null(await Store.GetInfoAsync("nothing/here.bin"));
        Assert.False(await Store.DeleteAsync("nothing/here.bin"));
    }

    [Fact]
    public async Task Write_Again_ReplacesTheObject()
    {
        await Store.WriteAllBytesAsync("k.bin", new byte[1000]);
        await Store.WriteAllBytesAsync("k.bin", new byte[] { 7 });

        Assert.Equal([7], await Store.ReadAllBytesAsync("k.bin"));
    }

    [Fact]
    public async Task Write_WhileInProgress_ReadersSeeTheWholeOldObjectNeverAPart()
    {
        var old = Pattern(1, 256 * 1024);
        var next = Pattern(2, 256 * 1024);
        await Store.WriteAllBytesAsync("atomic.bin", old);
        var halfWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writing = Task.Run(() => Store.WriteAsync("atomic.bin", async (stream, ct) =>
        {
            await stream.WriteAsync(next.AsMemory(0, next.Length / 2), ct);
            await stream.FlushAsync(ct);
            halfWritten.SetResult();
            await finish.Task;
            await stream.WriteAsync(next.AsMemory(next.Length / 2), ct);
        }));
        await halfWritten.Task;

        Assert.Equal(old, await Store.ReadAllBytesAsync("atomic.bin"));
        Assert.Equal(old.Length, (await Store.GetInfoAsync("atomic.bin"))!.Length);
        finish.SetResult();
        await writing;
        Assert.Equal(next, await Store.ReadAllBytesAsync("atomic.bin"));
    }

    [Fact]
    public async Task Write_WhenTheWriterFails_LeavesTheOldObjectAndNoTrace()
    {
        await Store.WriteAllBytesAsync("fail/x.bin", new byte[] { 1, 2, 3 });

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync("fail/x.bin", async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[100], ct);
            throw new InvalidOperationException("writer failed");
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync("fail/new.bin", (_, _) => throw new InvalidOperationException("writer failed")));

        Assert.Equal([1, 2, 3], await Store.ReadAllBytesAsync("fail/x.bin"));
        Assert.Null(await Store.GetInfoAsync("fail/new.bin"));
        Assert.Equal(["fail/x.bin"], await Keys("fail/"));
    }

    [Fact]
    public async Task ConcurrentWriters_OfOneKey_LeaveOneCompleteObject()
    {
        const int writers = 8;
        var contents = Enumerable.Range(0, writers).Select(i => Pattern(i + 10, 128 * 1024 + i)).ToArray();
        var arrived = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => Store.WriteAsync("race/one.bin", async (stream, ct) =>
        {
            await stream.WriteAsync(contents[i].AsMemory(0, 1), ct);
            if (Interlocked.Increment(ref arrived) == writers)
            {
                allStarted.SetResult();
            }

            await allStarted.Task; // every writer is mid-write at once
            foreach (var chunk in contents[i].Skip(1).Chunk(8192))
            {
                await stream.WriteAsync(chunk, ct);
            }
        }))));

        var result = await Store.ReadAllBytesAsync("race/one.bin");
        Assert.NotNull(result);
        Assert.Contains(contents, c => c.AsSpan().SequenceEqual(result));
        Assert.Equal(["race/one.bin"], await Keys("race/"));
    }

    [Fact]
    public async Task List_ByPrefix_IsAStringPrefixInOrdinalOrder()
    {
        foreach (var key in new[] { "waveforms/c12/ab/2.mseed", "waveforms/c1/ab/1.mseed", "waveforms/c1/zz/3.mseed", "waveforms/d/4.mseed", "media/ab/5.png" })
        {
            await Store.WriteAllBytesAsync(key, new byte[] { 1, 2 });
        }

        Assert.Equal(["waveforms/c1/ab/1.mseed", "waveforms/c1/zz/3.mseed", "waveforms/c12/ab/2.mseed"], await Keys("waveforms/c1"));
        Assert.Equal(["waveforms/c1/ab/1.mseed", "waveforms/c1/zz/3.mseed"], await Keys("waveforms/c1/"));
        Assert.Equal(["media/ab/5.png"], await Keys("media/"));
        Assert.Equal(5, (await Keys(string.Empty)).Count);
        Assert.Empty(await Keys("nothing/"));
        Assert.All(await Store.ListAsync("media/").ToListAsync(), info => Assert.Equal(2, info.Length));
    }

    [Fact]
    public async Task Delete_RemovesOnlyThatObject()
    {
        await Store.WriteAllBytesAsync("d/1.bin", new byte[] { 1 });
        await Store.WriteAllBytesAsync("d/2.bin", new byte[] { 2 });

        Assert.True(await Store.DeleteAsync("d/1.bin"));
        Assert.False(await Store.DeleteAsync("d/1.bin"));

        Assert.Null(await Store.ReadAllBytesAsync("d/1.bin"));
        Assert.Equal(["d/2.bin"], await Keys("d/"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../outside.bin")]
    [InlineData("a/../../outside.bin")]
    [InlineData("a/./b.bin")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("a\\..\\..\\b.bin")]
    [InlineData("a//b.bin")]
    [InlineData("a/b/")]
    [InlineData("a/.hidden.tmp")]
    [InlineData("a/b\0c")]
    [InlineData("a/b c.bin")]
    public async Task InvalidKey_IsRejectedByEveryOperation(string key)
    {
        var write = await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.WriteAllBytesAsync(key, new byte[] { 1 }));
        Assert.Contains("not allowed", write.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ReadAllBytesAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenReadAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetInfoAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(key));
        Assert.Empty(await Keys(string.Empty));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/abs")]
    [InlineData("a//")]
    public void InvalidPrefix_IsRejectedBeforeListing(string prefix)
    {
        Assert.ThrowsAny<ArgumentException>(() => Store.ListAsync(prefix));
    }

    protected static byte[] Pattern(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = (byte)seed;
        return bytes;
    }

    protected async Task<List<string>> Keys(string prefix) => await Store.ListAsync(prefix).Select(i => i.Key).ToListAsync();
}
