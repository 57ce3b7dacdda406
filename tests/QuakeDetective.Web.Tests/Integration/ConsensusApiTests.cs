using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Web.Tests.Integration;

public sealed class ConsensusApiTests(ConsensusSite site) : IClassFixture<ConsensusSite>
{
    private static StringContent EmptyJson() => new("{}", Encoding.UTF8, "application/json");

    private async Task<long> VoteAsync(string answer)
    {
        var client = site.Anonymous();
        var next = await client.GetFromJsonAsync<JsonElement>($"/api/subjects/next?campaignId={site.CampaignId}");
        var subjectId = next.GetProperty("subjectId").GetInt64();
        var post = await client.PostAsJsonAsync("/api/classifications", new { subjectId, answer, idempotencyKey = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        return subjectId;
    }

    [Fact]
    public async Task Consensus_ByRole_AnonymousIs401VolunteerIs403ScientistGetsCsv()
    {
        var url = $"/api/campaigns/{site.CampaignId}/consensus";

        var anonymous = await site.Anonymous().GetAsync(url);
        var volunteer = await site.Volunteer.GetAsync(url);
        var scientist = await site.Scientist.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, volunteer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scientist.StatusCode);
        Assert.Equal("text/csv", scientist.Content.Headers.ContentType?.MediaType);
        var lines = (await scientist.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("subject_id,seed_ids,station,window_start,window_end,campaign,label,confidence,agreement,votes,votes_earthquake", lines[0], StringComparison.Ordinal);
        Assert.Equal(13, lines.Length); // header and the demo's 12 subjects
    }

    [Fact]
    public async Task Consensus_AcceptJson_IsJsonWithTheVotesJustCast()
    {
        var subjectId = await VoteAsync(DefaultAnswers.Tremor);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/campaigns/{site.CampaignId}/consensus");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await site.Scientist.SendAsync(request);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var subject = json.GetProperty("subjects").EnumerateArray().Single(s => s.GetProperty("subjectId").GetInt64() == subjectId);
        Assert.True(subject.GetProperty("votesPerAnswer").GetProperty(DefaultAnswers.Tremor).GetInt32() >= 1);
        Assert.Equal("majority", subject.GetProperty("method").GetString());
    }

    [Theory]
    [InlineData("image/png", null, HttpStatusCode.NotAcceptable)]
    [InlineData("text/csv", "bogus", HttpStatusCode.BadRequest)]
    [InlineData("text/csv", "dawid-skene", HttpStatusCode.OK)]
    public async Task Consensus_NegotiationAndMethod(string accept, string? method, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/campaigns/{site.CampaignId}/consensus{(method is null ? "" : "?method=" + method)}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        var response = await site.Scientist.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Scientist.GetAsync("/api/campaigns/987654/consensus")).StatusCode);
    }

    [Fact]
    public async Task Recompute_OnDemand_JobSucceedsAndDawidSkeneRowsAppear()
    {
        await VoteAsync(DefaultAnswers.Noise);

        var accepted = await site.Scientist.PostAsync($"/api/campaigns/{site.CampaignId}/consensus/recompute", EmptyJson());

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var statusUrl = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;
        var finished = await ConsensusSite.EventuallyValueAsync(async () =>
        {
            var status = await site.Scientist.GetFromJsonAsync<JsonElement>(statusUrl);
            return status.GetProperty("status").GetString() is "succeeded" or "failed" ? (JsonElement?)status : null;
        }, TimeSpan.FromSeconds(30), "the recompute job");
        Assert.Equal("succeeded", finished.GetProperty("status").GetString());
        Assert.Equal(100, finished.GetProperty("percent").GetDouble());
        var csv = await site.Scientist.GetStringAsync($"/api/campaigns/{site.CampaignId}/consensus?method=dawid-skene");
        Assert.Contains(",dawid-skene,", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await site.Scientist.PostAsync($"/api/campaigns/{site.CampaignId}/consensus/recompute", null)).StatusCode);
    }

    [Fact]
    public async Task Recompute_OnSchedule_RunsByItselfAfterNewVotes()
    {
        var subjectId = await VoteAsync(DefaultAnswers.Earthquake);

        // Nobody asks: the 2-second schedule notices the new vote and writes a Dawid–Skene row for the subject.
        var row = await ConsensusSite.EventuallyAsync(async () =>
        {
            await using var db = await site.DbFactory.CreateDbContextAsync();
            return await db.ConsensusResults.AsNoTracking().FirstOrDefaultAsync(r => r.SubjectId == subjectId && r.Method == AggregationMethods.DawidSkene);
        }, TimeSpan.FromSeconds(30), "a scheduled Dawid–Skene row");

        Assert.True(row.VoteCount >= 1);
    }

    [Fact]
    public async Task Gold_CsvWithBadLines_Is400ListingThemAndStoresNothing()
    {
        await using var db0 = await site.DbFactory.CreateDbContextAsync();
        var subjects = await db0.Subjects.Where(s => s.CampaignId == site.CampaignId).OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync();
        var before = await db0.GoldLabels.CountAsync();
        var body = new StringContent($"subject_id,label\n{subjects[0]},Tremor\n{subjects[1]},Volcano\n", Encoding.UTF8, "text/csv");

        var response = await site.Scientist.PostAsync($"/api/campaigns/{site.CampaignId}/gold", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(3, Assert.Single(errors).GetProperty("line").GetInt32());
        await using var db = await site.DbFactory.CreateDbContextAsync();
        Assert.Equal(before, await db.GoldLabels.CountAsync());
        var json = await site.Scientist.PostAsync($"/api/campaigns/{site.CampaignId}/gold", EmptyJson());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }

    [Fact]
    public async Task Retire_ThroughTheApi_LeavesEveryQueueAndUnretireBringsItBack()
    {
        await using var db0 = await site.DbFactory.CreateDbContextAsync();
        var subjectId = await db0.Subjects.Where(s => s.CampaignId == site.CampaignId && s.Status == SubjectStatus.Active).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();

        var retire = await site.Scientist.PostAsync($"/api/subjects/{subjectId}/retire", EmptyJson());
        var offered = new HashSet<long>();
        for (var i = 0; i < 12; i++)
        {
            var next = await site.Anonymous().GetAsync($"/api/subjects/next?campaignId={site.CampaignId}");
            if (next.StatusCode == HttpStatusCode.OK)
            {
                offered.Add((await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetInt64());
            }
        }

        var byVolunteer = await site.Volunteer.PostAsync($"/api/subjects/{subjectId}/retire", EmptyJson());
        var unretire = await site.Scientist.PostAsync($"/api/subjects/{subjectId}/unretire", EmptyJson());

        Assert.Equal(HttpStatusCode.NoContent, retire.StatusCode);
        Assert.DoesNotContain(subjectId, offered);
        Assert.Equal(HttpStatusCode.Forbidden, byVolunteer.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unretire.StatusCode);
        await using var db = await site.DbFactory.CreateDbContextAsync();
        Assert.Equal(SubjectStatus.Active, await db.Subjects.Where(s => s.Id == subjectId).Select(s => s.Status).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await site.Scientist.PostAsync("/api/subjects/987654/retire", EmptyJson())).StatusCode);
    }
}
