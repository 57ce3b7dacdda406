using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Web.Tests.Integration;

public sealed class ResultsPagesTests(ConsensusSite site) : IClassFixture<ConsensusSite>
{
    [Theory]
    [InlineData("")]
    [InlineData("/subjects?label=none&sort=votes&order=desc")]
    [InlineData("/volunteers?sort=goldaccuracy")]
    public async Task CampaignPages_Scientist_SeesThemVolunteerIsDenied(string suffix)
    {
        var url = $"/results/{site.CampaignId}{suffix}";

        var scientist = await site.Scientist.GetAsync(url);
        var volunteer = await site.Volunteer.GetAsync(url);
        var anonymous = await site.Anonymous().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, scientist.StatusCode);
        Assert.Contains("Demo: triggered earthquakes and tremor", await scientist.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/account/access-denied", volunteer.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Contains("/account/login", anonymous.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_DrawsChartsAsSvg()
    {
        var html = await site.Scientist.GetStringAsync($"/results/{site.CampaignId}");

        Assert.Contains("Votes per day", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("Consensus against expert labels", html, StringComparison.Ordinal);
        Assert.Contains("Dawid–Skene", html, StringComparison.Ordinal);
        Assert.Contains("Consensus CSV", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubjectPage_ShowsPlotSoundVotesAndConsensus()
    {
        var client = site.Anonymous();
        var next = await client.GetFromJsonAsync<JsonElement>($"/api/subjects/next?campaignId={site.CampaignId}");
        var subjectId = next.GetProperty("subjectId").GetInt64();
        await client.PostAsJsonAsync("/api/classifications", new { subjectId, answer = DefaultAnswers.Noise, idempotencyKey = Guid.NewGuid().ToString("N") });

        var page = await site.Scientist.GetStringAsync($"/results/subjects/{subjectId}");

        Assert.Contains($"media/subjects/{subjectId}/plot.png", page, StringComparison.Ordinal);
        Assert.Contains($"media/subjects/{subjectId}/audio.wav", page, StringComparison.Ordinal);
        Assert.Contains("Every vote", page, StringComparison.Ordinal);
        Assert.Contains("Majority", page, StringComparison.Ordinal);
        Assert.Contains("Weighted", page, StringComparison.Ordinal);
        Assert.Contains(DefaultAnswers.Noise, page, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.org", page.Replace("sci-consensus@example.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
