using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace QuakeDetective.Web.Tests.Integration;

public sealed class SiteShellTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private HttpClient NewClient() => site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Health_DatabaseAnswers_Returns200()
    {
        var response = await NewClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("healthy", body, StringComparison.Ordinal);
        Assert.Contains(QuakeDetective.Tests.PostgresServer.Requested ? "Npgsql" : "Sqlite", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticAsset_FromWwwrootAssets_IsServed()
    {
        var response = await NewClient().GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--answer-0", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_NewVisitor_IsInvitedToClassify()
    {
        var response = await NewClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Start classifying", html, StringComparison.Ordinal);
        Assert.Contains("href=\"classify\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyPage_NewVisitor_GetsAnonymousCookieAndASubject()
    {
        var response = await NewClient().GetAsync("/classify");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("qd_volunteer=", StringComparison.Ordinal));
        Assert.Matches("media/subjects/[0-9]+/plot.png", html);
        Assert.Contains("Earthquake", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_Returns404WithFriendlyPage()
    {
        var response = await NewClient().GetAsync("/no/such/page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing here", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/results")]
    [InlineData("/admin")]
    public async Task RolePages_Anonymous_RedirectToSignIn(string path)
    {
        var response = await NewClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/account/login", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_Renders()
    {
        var response = await NewClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sign in", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
