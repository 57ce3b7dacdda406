using QuakeDetective.Core.Import;
using QuakeDetective.Core.Storage;

namespace QuakeDetective.Core.Tests.Import;

public sealed class ImportRootFoldersTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "quake-roots-" + Guid.NewGuid().ToString("N"));
    private readonly ImportRootFolders _roots;

    public ImportRootFoldersTests()
    {
        Directory.CreateDirectory(Path.Combine(_data, "import", "2024", "day1"));
        Directory.CreateDirectory(Path.Combine(_data, "import", ".hidden"));
        Directory.CreateDirectory(Path.Combine(_data, "secret"));
        File.WriteAllText(Path.Combine(_data, "secret", "passwords.mseed"), "x");
        Directory.CreateSymbolicLink(Path.Combine(_data, "import", "escape"), Path.Combine(_data, "secret"));
        _roots = new ImportRootFolders(new DataFolder(_data));
    }

    [Fact]
    public void List_ShowsRealFoldersOnly()
    {
        Assert.Equal(["", "2024", "2024/day1"], _roots.List());
    }

    [Theory]
    [InlineData("", "import")]
    [InlineData("2024", "import/2024")]
    [InlineData("2024/day1/", "import/2024/day1")]
    public void TryResolve_FoldersInsideTheRoot_AreAccepted(string relative, string expected)
    {
        Assert.True(_roots.TryResolve(relative, out var full, out var error), error);
        Assert.Equal(Path.Combine(_data, expected), full);
    }

    [Theory]
    [InlineData("../secret")]
    [InlineData("2024/../../secret")]
    [InlineData("/etc")]
    [InlineData("..")]
    [InlineData("2024\\..\\..\\secret")]
    [InlineData("escape")]
    [InlineData("nope")]
    public void TryResolve_AnythingElse_IsRefused(string relative)
    {
        Assert.False(_roots.TryResolve(relative, out var full, out var error));
        Assert.Equal("", full);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Import_LinksInsideTheRoot_AreNotFollowedForSiteImports()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new ImportFiles();
        var real = files.Write("inside/a.mseed", ImportFiles.ThreeComponents());
        var outside = files.Write("outside/b.mseed", ImportFiles.ThreeComponents("IU.TUC.00"));
        File.CreateSymbolicLink(Path.Combine(files.Folder, "inside", "link.mseed"), outside);
        var root = Path.Combine(files.Folder, "inside");

        var result = await database.Get<ImportService>().ImportAsync(new ImportRequest
        {
            CampaignName = "test", Paths = [root], AllowedRoot = root, WindowSeconds = 120,
        });

        Assert.Equal(["a.mseed"], result.Files.Select(f => f.Path));
        Assert.Contains(result.Notes, n => n.Contains("link.mseed: symbolic link not followed", StringComparison.Ordinal));
        Assert.True(File.Exists(real));
        var error = await Assert.ThrowsAsync<ImportRequestException>(() => database.Get<ImportService>().ImportAsync(new ImportRequest
        {
            CampaignName = "test", Paths = [outside], AllowedRoot = root,
        }));
        Assert.Contains("outside the import folder", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
