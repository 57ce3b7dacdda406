using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Tests;
using QuakeDetective.Web.Tests.Authorization;

namespace QuakeDetective.Web.Tests.Privacy;

/// <summary>The real site with a scientist, the only admin, and helpers to create volunteers and vote through the API.</summary>
public sealed class PrivacySite : IAsyncLifetime
{
    public const string Password = "privacy-pass-1";

    public QuakeWebFactory Factory { get; } = new(settings: new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "false",
        ["Demo:SubjectCount"] = "16",
    });

    public HttpClient Scientist { get; private set; } = default!;

    public HttpClient Admin { get; private set; } = default!;

    public int CampaignId { get; private set; }

    public IDbContextFactory<QuakeDbContext> DbFactory => Factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>();

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task InitializeAsync()
    {
        await SignedInClient.CreateUserAsync(Factory, "scientist-privacy@example.org", Password, Roles.Volunteer, Roles.Scientist);
        await SignedInClient.CreateUserAsync(Factory, "admin-privacy@example.org", Password, Roles.Volunteer, Roles.Scientist, Roles.Admin);
        Scientist = await SignedInClient.SignInAsync(Factory, "scientist-privacy@example.org", Password);
        Admin = await SignedInClient.SignInAsync(Factory, "admin-privacy@example.org", Password);
        await using var db = await DbFactory.CreateDbContextAsync();
        CampaignId = await db.Campaigns.Select(c => c.Id).FirstAsync();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>A signed-in volunteer account: its client and Identity user id.</summary>
    public async Task<(HttpClient Client, string UserId)> VolunteerAsync(string email)
    {
        await SignedInClient.CreateUserAsync(Factory, email, Password, Roles.Volunteer);
        var client = await SignedInClient.SignInAsync(Factory, email, Password);
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<QuakeUser>>().FindByEmailAsync(email);
        return (client, user!.Id);
    }

    /// <summary>Answers <paramref name="count"/> subjects through GET /api/subjects/next and POST /api/classifications.</summary>
    public static async Task<List<long>> VoteAsync(HttpClient client, int count, string answer = "Earthquake")
    {
        var subjects = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var next = await client.GetAsync("/api/subjects/next");
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            var subjectId = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetInt64();
            var post = await client.PostAsJsonAsync("/api/classifications", new { subjectId, answer, idempotencyKey = Guid.NewGuid().ToString("N") });
            Assert.Equal(HttpStatusCode.Created, post.StatusCode);
            subjects.Add(subjectId);
        }

        return subjects;
    }

    /// <summary>GET /api/me/data as JSON.</summary>
    public static async Task<JsonElement> MyDataAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/me/data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
