using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Tests;
using QuakeDetective.Web.Tests.Authorization;

namespace QuakeDetective.Web.Tests.BadInput;

/// <summary>
/// The site the bad-input catalogue attacks: the small demo campaign, an admin (also scientist) signed in through the
/// real form, upload limits small enough to exceed cheaply (1 MiB of waveforms, 12 MiB per events CSV).
/// </summary>
public sealed partial class BadInputSite : IAsyncLifetime
{
    public const long MaxUploadBytes = 1 << 20;

    public const long MaxCsvBytes = 12 << 20;

    public QuakeWebFactory Factory { get; } = new(settings: new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "false",
        ["Import:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Import:MaxCsvBytes"] = MaxCsvBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public HttpClient Admin { get; private set; } = default!;

    public int CampaignId { get; private set; }

    public long SubjectId { get; private set; }

    public IDbContextFactory<QuakeDbContext> DbFactory => Factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>();

    public async Task InitializeAsync()
    {
        const string password = "bad-input-pass-1";
        await SignedInClient.CreateUserAsync(Factory, "admin-bad-input@example.org", password, Roles.Volunteer, Roles.Scientist, Roles.Admin);
        Admin = await SignedInClient.SignInAsync(Factory, "admin-bad-input@example.org", password);
        await using var db = await DbFactory.CreateDbContextAsync();
        CampaignId = await db.Campaigns.Select(c => c.Id).FirstAsync();
        SubjectId = await db.Subjects.Where(s => s.CampaignId == CampaignId).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>Row counts of every table a bad input could write to.</summary>
    public async Task<string> RowCountsAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return $"campaigns {await db.Campaigns.CountAsync()}, subjects {await db.Subjects.CountAsync()}, gold {await db.GoldLabels.CountAsync()}, " +
               $"votes {await db.Classifications.CountAsync()}, jobs {await db.BackgroundJobs.CountAsync()}, imported files {await db.ImportedFiles.CountAsync()}";
    }

    /// <summary>The campaign row as stored, every setting included, to compare before and after a refused change.</summary>
    public async Task<string> CampaignSnapshotAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var c = await db.Campaigns.AsNoTracking().SingleAsync(x => x.Id == CampaignId);
        return System.Text.Json.JsonSerializer.Serialize(new { c.Name, c.Description, c.AnswerChoices, c.Status, c.Retirement, c.Audio, c.Plot, c.Queue, c.ModelVoteEnabled, c.PrimaryConsensusMethod });
    }

    public async Task AssertHealthyAsync(string after)
    {
        using var anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/health");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/health answered {(int)response.StatusCode} after {after}");
    }

    /// <summary>The antiforgery token of a page's form, for posts as the signed-in admin.</summary>
    public async Task<string> AntiforgeryTokenAsync(string page)
    {
        var html = await Admin.GetStringAsync(page);
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, $"{page} has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
