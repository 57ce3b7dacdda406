using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Domain;
using QuakeDetective.Web.Infrastructure;
using QuakeDetective.Web.Tests.Authorization;

namespace QuakeDetective.Web.Tests.Privacy;

/// <summary>Download and deletion of one's own data through GET /api/me/data, POST /api/me/data/delete and the My data page.</summary>
public sealed partial class MyDataTests(PrivacySite site) : IClassFixture<PrivacySite>
{
    [Fact]
    public async Task Download_SignedIn_HasOwnAccountAndVotesOnly()
    {
        var (dana, danaId) = await site.VolunteerAsync("dana-mydata@example.org");
        var (erin, _) = await site.VolunteerAsync("erin-mydata@example.org");
        var danaSubjects = await PrivacySite.VoteAsync(dana, 3, "Tremor");
        await PrivacySite.VoteAsync(erin, 2);

        var json = await PrivacySite.MyDataAsync(dana);
        var zip = await dana.GetAsync("/api/me/data?format=zip");

        var account = json.GetProperty("account");
        Assert.Equal("dana-mydata@example.org", account.GetProperty("email").GetString());
        Assert.Equal("dana-mydata@example.org", account.GetProperty("userName").GetString());
        Assert.Equal(danaId, account.GetProperty("userId").GetString());
        Assert.Equal(JsonValueKind.String, account.GetProperty("createdAt").ValueKind);
        Assert.StartsWith("volunteer-", json.GetProperty("volunteer").GetProperty("pseudonym").GetString(), StringComparison.Ordinal);
        var votes = json.GetProperty("votes").EnumerateArray().ToList();
        Assert.Equal(danaSubjects.Order(), votes.Select(v => v.GetProperty("subjectId").GetInt64()).Order());
        Assert.All(votes, v => Assert.Equal("Tremor", v.GetProperty("answer").GetString()));
        Assert.All(votes, v => Assert.Equal(site.CampaignId, v.GetProperty("campaignId").GetInt32()));
        Assert.Equal(3, json.GetProperty("contributions").GetProperty("total").GetInt32());
        Assert.DoesNotContain("erin-mydata", json.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.Equal(["my-data.json", "votes.csv"], archive.Entries.Select(e => e.FullName).Order());
    }

    [Fact]
    public async Task Download_Anonymous_HasOnlyThisBrowsersVotes()
    {
        var first = site.Anonymous();
        var second = site.Anonymous();
        await PrivacySite.VoteAsync(first, 2);
        await PrivacySite.VoteAsync(second, 1);

        var mine = await PrivacySite.MyDataAsync(first);
        var other = await PrivacySite.MyDataAsync(second);

        Assert.Equal(JsonValueKind.Null, mine.GetProperty("account").ValueKind);
        Assert.Equal("anonymous", mine.GetProperty("volunteer").GetProperty("kind").GetString());
        Assert.Equal(2, mine.GetProperty("votes").GetArrayLength());
        Assert.Equal(1, other.GetProperty("votes").GetArrayLength());
        Assert.NotEqual(mine.GetProperty("volunteer").GetProperty("pseudonym").GetString(), other.GetProperty("volunteer").GetProperty("pseudonym").GetString());
    }

    [Fact]
    public async Task DeleteAccount_ThroughTheApi_NeedsThePasswordThenAnonymisesVotesKeepsConsensusAndSignsOut()
    {
        var (frank, frankId) = await site.VolunteerAsync("frank-mydata-5531@example.org");
        var subjects = await PrivacySite.VoteAsync(frank, 4, "Noise");
        var consensusBefore = await ConsensusCsvAsync();
        var stateBefore = await ConsensusStateAsync();
        var votesBefore = await VoteCountAsync();

        var notJson = await frank.PostAsync("/api/me/data/delete", new StringContent("password=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var wrong = await frank.PostAsJsonAsync("/api/me/data/delete", new { password = "not-the-password" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("password is wrong", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(await DatabaseText.FindAsync(site.DbFactory, "frank-mydata-5531"));

        var deleted = await frank.PostAsJsonAsync("/api/me/data/delete", new { password = PrivacySite.Password });

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var body = await deleted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Erased", body.GetProperty("outcome").GetString());
        Assert.Equal(4, body.GetProperty("votesAnonymised").GetInt32());
        var cookies = deleted.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("qd_auth=;", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(AnonymousVolunteerCookie.CookieName + "=;", StringComparison.Ordinal));

        // Nothing of the account is left anywhere in the database; the votes and the consensus are.
        Assert.Empty(await DatabaseText.FindAsync(site.DbFactory, "frank-mydata-5531", frankId));
        Assert.Equal(votesBefore, await VoteCountAsync());
        Assert.Equal(stateBefore, await ConsensusStateAsync());
        Assert.Equal(consensusBefore, await ConsensusCsvAsync());
        foreach (var url in subjects.Select(id => $"/results/subjects/{id}").Append($"/results/{site.CampaignId}/volunteers").Append($"/results/{site.CampaignId}"))
        {
            Assert.Equal(HttpStatusCode.OK, (await site.Scientist.GetAsync(url)).StatusCode);
        }

        // Signed out: the same browser is a new anonymous visitor, and the account cannot sign in again.
        var after = await PrivacySite.MyDataAsync(frank);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("account").ValueKind);
        Assert.Equal(0, after.GetProperty("votes").GetArrayLength());
        await Assert.ThrowsAsync<InvalidOperationException>(() => SignedInClient.SignInAsync(site.Factory, "frank-mydata-5531@example.org", PrivacySite.Password));
    }

    [Fact]
    public async Task DeleteAccount_LastAdmin_IsRefusedWithTheReason()
    {
        var response = await site.Admin.PostAsJsonAsync("/api/me/data/delete", new { password = PrivacySite.Password });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("only administrator", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.Admin.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task DeleteBrowser_Anonymous_NeedsTheConfirmationThenForgetsTheCookie()
    {
        var browser = site.Anonymous();
        await PrivacySite.VoteAsync(browser, 3);
        var stateBefore = await ConsensusStateAsync();

        var unconfirmed = await browser.PostAsJsonAsync("/api/me/data/delete", new { });
        var confirmed = await browser.PostAsJsonAsync("/api/me/data/delete", new { confirm = true });

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(3, (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("votesAnonymised").GetInt32());
        Assert.Contains(confirmed.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AnonymousVolunteerCookie.CookieName + "=;", StringComparison.Ordinal));
        Assert.Equal(0, (await PrivacySite.MyDataAsync(browser)).GetProperty("votes").GetArrayLength());
        Assert.Equal(stateBefore, await ConsensusStateAsync());
    }

    [Fact]
    public async Task MyDataPage_SignedIn_ShowsOwnEmailAndDeletesAfterThePassword()
    {
        var (gina, _) = await site.VolunteerAsync("gina-mydata-7710@example.org");
        await PrivacySite.VoteAsync(gina, 2);

        var page = await gina.GetStringAsync("/account/my-data");
        Assert.Contains("gina-mydata-7710@example.org", page, StringComparison.Ordinal);
        Assert.Contains("href=\"api/me/data\"", page, StringComparison.Ordinal);
        Assert.Contains("account/my-data", await site.Anonymous().GetStringAsync("/contributions"), StringComparison.Ordinal);

        var wrong = await PostDeleteFormAsync(gina, page, "wrong-password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("password is wrong", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var response = await PostDeleteFormAsync(gina, await gina.GetStringAsync("/account/my-data"), PrivacySite.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("account/my-data?erased=account&votes=2", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        var done = await gina.GetStringAsync(response.Headers.Location);
        Assert.Contains("Your personal data is deleted", done, StringComparison.Ordinal);
        Assert.DoesNotContain("gina-mydata-7710", done, StringComparison.Ordinal);
        Assert.Empty(await DatabaseText.FindAsync(site.DbFactory, "gina-mydata-7710"));
    }

    [Fact]
    public async Task DeleteAccount_AnotherSignedInSession_IsSignedOutInsteadOfFailing()
    {
        var (laptop, _) = await site.VolunteerAsync("ivan-mydata@example.org");
        var phone = await SignedInClient.SignInAsync(site.Factory, "ivan-mydata@example.org", PrivacySite.Password);
        await PrivacySite.VoteAsync(phone, 1);

        var deleted = await laptop.PostAsJsonAsync("/api/me/data/delete", new { password = PrivacySite.Password });
        var next = await phone.GetAsync("/api/subjects/next");
        var contributions = await phone.GetAsync("/contributions");
        var data = await phone.GetAsync("/api/me/data");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.True((int)next.StatusCode < 500, $"next: {(int)next.StatusCode}");
        Assert.True((int)contributions.StatusCode < 500, $"contributions: {(int)contributions.StatusCode}");
        Assert.True((int)data.StatusCode < 500, $"data: {(int)data.StatusCode}");
        Assert.Equal(JsonValueKind.Null, (await data.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("account").ValueKind); // signed out, not acting for the erased account
    }

    private static async Task<HttpResponseMessage> PostDeleteFormAsync(HttpClient client, string page, string password)
    {
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "the page has no antiforgery token");
        return await client.PostAsync("/account/my-data", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = "delete-my-data",
            ["Input.Password"] = password,
        }));
    }

    private async Task<string> ConsensusCsvAsync()
    {
        var response = await site.Scientist.GetAsync($"/api/campaigns/{site.CampaignId}/consensus");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<int> VoteCountAsync()
    {
        await using var db = await site.DbFactory.CreateDbContextAsync();
        return await db.Classifications.CountAsync();
    }

    /// <summary>Stored consensus rows and each subject's status and counted votes.</summary>
    private async Task<List<string>> ConsensusStateAsync()
    {
        await using var db = await site.DbFactory.CreateDbContextAsync();
        var rows = (await db.ConsensusResults.AsNoTracking().ToListAsync())
            .Select(r => FormattableString.Invariant($"{r.SubjectId} {r.Method} {r.Label} {r.Confidence:R} {r.VoteCount} {r.IsTie} {r.VotesPerAnswerJson} {r.ComputedAt:O}"));
        var subjects = (await db.Subjects.AsNoTracking().ToListAsync())
            .Select(s => FormattableString.Invariant($"subject {s.Id} {s.Status} {s.VoteCount} {s.RetirementReason}"));
        return [.. rows.Concat(subjects).Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
