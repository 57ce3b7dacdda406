using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using QuakeDetective.Tests;

namespace QuakeDetective.Web.Tests.Integration;

public sealed class SecurityTests
{
    [Fact]
    public async Task Pages_CarrySecurityHeaders()
    {
        using var factory = new QuakeWebFactory();
        var response = await factory.CreateClient().GetAsync("/");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'; img", csp.Replace("style-src 'self' 'unsafe-inline'", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Votes_OverPerVolunteerLimit_Get429AndAreNotStored()
    {
        using var factory = new QuakeWebFactory(settings: new Dictionary<string, string?> { ["RateLimiting:VotesPerVolunteerPerMinute"] = "3" });
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var next = await client.GetFromJsonAsync<JsonElement>("/api/subjects/next");
            var response = await client.PostAsJsonAsync("/api/classifications",
                new { subjectId = next.GetProperty("subjectId").GetInt64(), answer = "Noise", idempotencyKey = $"rl-{i}" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);

        // Another volunteer is not held back by the first one's limit.
        var other = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var otherNext = await other.GetFromJsonAsync<JsonElement>("/api/subjects/next");
        var otherVote = await other.PostAsJsonAsync("/api/classifications",
            new { subjectId = otherNext.GetProperty("subjectId").GetInt64(), answer = "Noise", idempotencyKey = "other" });
        Assert.Equal(HttpStatusCode.Created, otherVote.StatusCode);
    }

    [Fact]
    public async Task SignIn_RepeatedPosts_AreRateLimitedPerAddress()
    {
        using var factory = new QuakeWebFactory(settings: new Dictionary<string, string?> { ["RateLimiting:SignInsPerAddressPerMinute"] = "4" });
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@example.org", ["Input.Password"] = "wrong-password-1" });
            statuses.Add((await client.PostAsync("/account/login", form)).StatusCode);
        }

        Assert.All(statuses.Take(4), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.All(statuses.Skip(4), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccount()
    {
        using var factory = new QuakeWebFactory(settings: new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "false" });
        await QuakeDetective.Web.Tests.Authorization.SignedInClient.CreateUserAsync(factory, "target@example.org", "right-password-1", "Volunteer");
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                QuakeDetective.Web.Tests.Authorization.SignedInClient.SignInAsync(factory, "target@example.org", "wrong-password-" + i));
        }

        // Even the right password is refused while the account is locked.
        var locked = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            QuakeDetective.Web.Tests.Authorization.SignedInClient.SignInAsync(factory, "target@example.org", "right-password-1"));
        Assert.Contains("locked", locked.Message, StringComparison.OrdinalIgnoreCase);
    }
}
