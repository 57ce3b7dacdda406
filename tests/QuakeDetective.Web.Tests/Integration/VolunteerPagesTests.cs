using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace QuakeDetective.Web.Tests.Integration;

/// <summary>The volunteer pages as served (prerendered HTML): tutorial on a first visit, field guide with real examples.</summary>
public sealed class VolunteerPagesTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private HttpClient NewVisitor() => site.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    [Fact]
    public async Task Classify_FirstVisit_ShowsTutorialAboveTheFirstSubject()
    {
        var html = await NewVisitor().GetStringAsync("/classify");

        Assert.Contains("data-testid=\"tutorial\"", html, StringComparison.Ordinal);
        Assert.Contains("data-player=\"subject\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("data-testid=\"tutorial\"", StringComparison.Ordinal) < html.IndexOf("data-player=\"subject\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Classify_TutorialDone_GoesStraightToTheSubject()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/classify");
        request.Headers.Add("Cookie", "qd_tutorial=done");

        var html = await (await NewVisitor().SendAsync(request)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("data-testid=\"tutorial\"", html, StringComparison.Ordinal);
        Assert.Contains("media/subjects/", html, StringComparison.Ordinal);
        Assert.Contains("Keyboard shortcuts", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FieldGuide_ShowsPlayableExpertExamples()
    {
        var response = await NewVisitor().GetAsync("/field-guide");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("data-testid=\"example-plot\"", html);
        Assert.Matches("media/subjects/[0-9]+/audio.wav", html);
        Assert.Matches("Expert(&#x27;|')s note", html);
    }

    [Fact]
    public async Task TutorialPage_And_Contributions_AreServed()
    {
        var client = NewVisitor();

        var tutorial = await client.GetStringAsync("/tutorial");
        var contributions = await client.GetStringAsync("/contributions");

        Assert.Contains("Welcome, seismogram detective", tutorial, StringComparison.Ordinal);
        Assert.Contains("not classified any seismograms yet", contributions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scripts_PlayerAndClassifyModules_AreServed()
    {
        var client = NewVisitor();

        foreach (var path in new[] { "/js/player.js", "/js/classify.js", "/css/classify.css" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
