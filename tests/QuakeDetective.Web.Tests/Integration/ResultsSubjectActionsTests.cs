using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Gold;
using QuakeDetective.Web.Components.Pages.Results;

namespace QuakeDetective.Web.Tests.Integration;

/// <summary>The subject page's interactive actions (gold label, retirement) against the real services and database of a running site.</summary>
public sealed class ResultsSubjectActionsTests(ConsensusSite site) : BunitContext, IClassFixture<ConsensusSite>
{
    private IRenderedComponent<SubjectActions> RenderActions(long subjectId, bool retired)
    {
        Services.AddSingleton(site.Factory.GetRequiredService<GoldService>());
        Services.AddSingleton(site.Factory.GetRequiredService<SubjectRetirementService>());
        AddAuthorization().SetAuthorized("scientist@example.org");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<SubjectActions>(p => p
            .Add(c => c.SubjectId, subjectId)
            .Add(c => c.Answers, [.. DefaultAnswers.All])
            .Add(c => c.Retired, retired)
            .Add(c => c.RetirementText, "in the queue"));
    }

    private async Task<long> FreshSubjectAsync()
    {
        await using var db = await site.DbFactory.CreateDbContextAsync();
        return await db.Subjects.Where(s => s.CampaignId == site.CampaignId && s.Status == SubjectStatus.Active && !db.GoldLabels.Any(g => g.SubjectId == s.Id))
            .OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync();
    }

    [Fact]
    public async Task SaveGold_StoresTheLabelAndReloadsThePageWithANote()
    {
        var subjectId = await FreshSubjectAsync();
        var cut = RenderActions(subjectId, retired: false);

        cut.FindAll("input[type=radio]").Single(r => r.GetAttribute("value") == DefaultAnswers.Tremor).Change(true);
        cut.Find("textarea").Change("Emergent, long, in bursts.");
        await cut.Find("form").SubmitAsync();

        await using var db = await site.DbFactory.CreateDbContextAsync();
        var gold = await db.GoldLabels.SingleAsync(g => g.SubjectId == subjectId);
        Assert.Equal((DefaultAnswers.Tremor, "Emergent, long, in bursts."), (gold.Label, gold.Explanation));
        Assert.EndsWith($"results/subjects/{subjectId}?done=gold", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetireNow_RetiresByHand()
    {
        var subjectId = await FreshSubjectAsync();
        var cut = RenderActions(subjectId, retired: false);

        await cut.FindAll("button").Single(b => b.TextContent.Contains("Retire now", StringComparison.Ordinal)).ClickAsync(new());

        await using var db = await site.DbFactory.CreateDbContextAsync();
        var subject = await db.Subjects.SingleAsync(s => s.Id == subjectId);
        Assert.Equal((SubjectStatus.Retired, RetirementReason.ByHand), (subject.Status, subject.RetirementReason));
        Assert.EndsWith("?done=retired", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }
}
