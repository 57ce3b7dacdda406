using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Domain;
using QuakeDetective.Learning.Registry;
using QuakeDetective.Learning.Tests.Data;
using QuakeDetective.Learning.Training;

namespace QuakeDetective.Learning.Tests.Runs;

public sealed class ModelRegistryTests : IAsyncLifetime
{
    private LearningDatabase _db = null!;
    private Campaign _campaign = null!;

    public async Task InitializeAsync()
    {
        _db = await LearningDatabase.CreateAsync();
        _campaign = await _db.SeedCampaignAsync("registry", perClass: 1, consensus: false);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<ModelVersion> RegisterAsync()
    {
        var model = new ClassifierTrainer().Train(SyntheticSamples.Small, SyntheticSamples.Classes, new ClassifierTrainingOptions { Iterations = 5, CrossValidationBelow = 0 }).Classifier;
        return await _db.Get<ModelRegistry>().RegisterAsync(model, _campaign.Id, "{}", "{}", "{}", CancellationToken.None);
    }

    private async Task<List<int>> CurrentIdsAsync()
    {
        await using var db = await _db.DbAsync();
        return await db.ModelVersions.Where(m => m.CampaignId == _campaign.Id && m.IsCurrent).Select(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task Promote_Several_ExactlyOneCurrent_AndRollBackRestoresThePrevious()
    {
        var registry = _db.Get<ModelRegistry>();
        var a = await RegisterAsync();
        var b = await RegisterAsync();
        var c = await RegisterAsync();

        await registry.PromoteAsync(a.Id, CancellationToken.None);
        await registry.PromoteAsync(b.Id, CancellationToken.None);
        await registry.PromoteAsync(c.Id, CancellationToken.None);
        Assert.Equal([c.Id], await CurrentIdsAsync());

        var back = await registry.RollBackAsync(_campaign.Id, CancellationToken.None);
        Assert.Equal(b.Id, back.Id);
        Assert.Equal([b.Id], await CurrentIdsAsync());
        Assert.Equal(["v1", "v2", "v3"], new[] { a.Name, b.Name, c.Name });
    }

    [Fact]
    public async Task Promote_Concurrently_StillExactlyOneCurrent()
    {
        var registry = _db.Get<ModelRegistry>();
        var versions = new List<ModelVersion>();
        for (var i = 0; i < 4; i++)
        {
            versions.Add(await RegisterAsync());
        }

        await Task.WhenAll(versions.Select(v => Task.Run(() => registry.PromoteAsync(v.Id, CancellationToken.None))));

        Assert.Single(await CurrentIdsAsync());
    }

    [Fact]
    public async Task RollBack_FirstModel_SaysThereIsNothingToRollBackTo()
    {
        var a = await RegisterAsync();
        await _db.Get<ModelRegistry>().PromoteAsync(a.Id, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _db.Get<ModelRegistry>().RollBackAsync(_campaign.Id, CancellationToken.None));

        Assert.Contains("nothing to roll back to", ex.Message, StringComparison.Ordinal);
        Assert.Equal([a.Id], await CurrentIdsAsync());
    }

    [Fact]
    public async Task Promote_FileMissing_RefusesAndKeepsCurrent()
    {
        var registry = _db.Get<ModelRegistry>();
        var a = await RegisterAsync();
        var b = await RegisterAsync();
        await registry.PromoteAsync(a.Id, CancellationToken.None);
        File.Delete(registry.FullPath(b.FilePath));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => registry.PromoteAsync(b.Id, CancellationToken.None));

        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.Equal([a.Id], await CurrentIdsAsync());
    }
}
