using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Tests;

namespace QuakeDetective.Web.Tests.Integration;

public sealed class StartupTests
{
    [Fact]
    public void Start_UnknownDatabaseProvider_FailsWithClearMessage()
    {
        using var factory = new QuakeWebFactory(settings: new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("Database:Provider 'Oracle' is not supported", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_SameDataFolder_KeepsVotesAndDoesNotReseed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "quake-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            long subjectId;
            int subjectsBefore;
            using (var first = new QuakeWebFactory(folder))
            {
                var client = first.CreateClient();
                var next = await client.GetFromJsonAsync<JsonElement>("/api/subjects/next");
                subjectId = next.GetProperty("subjectId").GetInt64();
                var post = await client.PostAsJsonAsync("/api/classifications", new { subjectId, answer = "Tremor", idempotencyKey = "restart-1" });
                Assert.Equal(HttpStatusCode.Created, post.StatusCode);
                await using var db = await first.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();
                subjectsBefore = await db.Subjects.CountAsync();
            }

            using var second = new QuakeWebFactory(folder);
            Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health")).StatusCode);
            await using var after = await second.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();
            Assert.Equal(1, await after.Campaigns.CountAsync());
            Assert.Equal(subjectsBefore, await after.Subjects.CountAsync());
            var vote = await after.Classifications.SingleAsync(c => c.IdempotencyKey == "restart-1");
            Assert.Equal(subjectId, vote.SubjectId);
            Assert.Equal("Tremor", vote.Answer);
        }
        finally
        {
            QuakeWebFactory.TryDelete(folder);
        }
    }

    [Fact]
    public async Task FirstStart_Demo_CreatesCampaignWithGeneratedSubjectsAndGold()
    {
        using var factory = new QuakeWebFactory();
        factory.CreateClient();

        await using var db = await factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();
        var campaign = await db.Campaigns.SingleAsync();
        Assert.True(campaign.IsDemo);
        var subjects = await db.Subjects.Where(s => s.CampaignId == campaign.Id).ToListAsync();
        Assert.Equal(12, subjects.Count);
        Assert.All(subjects, s => Assert.Contains(s.TrueLabel, DefaultAnswers.All));
        Assert.All(subjects, s => Assert.Equal(600, (s.WindowEnd - s.WindowStart).TotalSeconds, 1));
        Assert.True(await db.GoldLabels.AnyAsync());
        Assert.All(subjects, s => Assert.True(File.Exists(Path.Combine(factory.DataFolder, "waveforms", s.WaveformPath)), s.WaveformPath));
    }

    [Fact]
    public async Task DemoDisabled_StartsWithNoCampaign()
    {
        using var factory = new QuakeWebFactory(settings: new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });
        var client = factory.CreateClient();

        var next = await client.GetAsync("/api/subjects/next");

        Assert.Equal(HttpStatusCode.NoContent, next.StatusCode);
        await using var db = await factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Campaigns.AnyAsync());
    }

    [Fact]
    public async Task AdminFromConfiguration_IsCreatedWithRolesAndNoSetupLink()
    {
        using var factory = new QuakeWebFactory(settings: new Dictionary<string, string?>
        {
            ["Admin:Email"] = "chief@example.org",
            ["Admin:Password"] = "seismo-2026",
        });
        factory.CreateClient();

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<QuakeUser>>();
        var admin = await users.FindByEmailAsync("chief@example.org");
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.True(await users.IsInRoleAsync(admin, Roles.Scientist));
        Assert.Null(factory.GetRequiredService<DatabaseInitializer>().SetupToken);
    }

    [Fact]
    public async Task NoAdmin_SetupLinkCreatesAdminOnce()
    {
        using var factory = new QuakeWebFactory();
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = factory.GetRequiredService<DatabaseInitializer>().SetupToken;
        Assert.False(string.IsNullOrEmpty(token));

        var page = await client.GetStringAsync($"/setup?token={token}");
        Assert.Contains("Create the first administrator", page, StringComparison.Ordinal);
        Assert.DoesNotContain("not valid", page, StringComparison.Ordinal);
        Assert.Contains("not valid", await client.GetStringAsync("/setup?token=wrong"), StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<QuakeDetective.Core.Accounts.AdminAccountService>();
        var result = await accounts.CompleteSetupAsync(token!, "first@example.org", "tremor-2026");
        Assert.True(result.Succeeded, result.Error);
        var reuse = await accounts.CompleteSetupAsync(token!, "second@example.org", "tremor-2026");
        Assert.False(reuse.Succeeded);
        Assert.True(await accounts.AnyAdminAsync());
    }
}
