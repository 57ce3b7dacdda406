using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;

namespace QuakeDetective.Web.Tests.Integration;

public sealed class ClassificationApiTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    // Each client keeps its own cookies: one client is one anonymous volunteer.
    private HttpClient NewVolunteer() => site.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    private static async Task<JsonElement> NextAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/subjects/next");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Next_NewVolunteer_ReturnsSubjectWithMediaAndChoices()
    {
        var next = await NextAsync(NewVolunteer());

        Assert.True(next.GetProperty("subjectId").GetInt64() > 0);
        Assert.True(next.GetProperty("campaignId").GetInt32() > 0);
        Assert.Equal(["Earthquake", "Tremor", "Noise", "None of the above"],
            next.GetProperty("choices").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.Matches("^/media/subjects/[0-9]+/plot.png$", next.GetProperty("plotUrl").GetString());
        Assert.Matches("^/media/subjects/[0-9]+/audio.wav$", next.GetProperty("audioUrl").GetString());
    }

    [Fact]
    public async Task Post_SameKeyTwice_StoresOneVoteAndReturnsSameId()
    {
        var client = NewVolunteer();
        var subjectId = (await NextAsync(client)).GetProperty("subjectId").GetInt64();
        var body = new { subjectId, answer = "Noise", idempotencyKey = Guid.NewGuid().ToString("N") };

        var first = await client.PostAsJsonAsync("/api/classifications", body);
        var second = await client.PostAsJsonAsync("/api/classifications", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("classificationId").GetInt64();
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("classificationId").GetInt64();
        Assert.Equal(firstId, secondId);
        await using var db = await site.Factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Classifications.CountAsync(c => c.Id == firstId));
        Assert.Equal(1, await db.Classifications.CountAsync(c => c.IdempotencyKey == body.idempotencyKey));
    }

    [Fact]
    public async Task Post_OtherKeyForAnsweredSubject_Returns409AndCountsOnce()
    {
        var client = NewVolunteer();
        var subjectId = (await NextAsync(client)).GetProperty("subjectId").GetInt64();
        await using var db0 = await site.Factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();
        var before = await db0.Subjects.Where(s => s.Id == subjectId).Select(s => s.VoteCount).SingleAsync();

        var first = await client.PostAsJsonAsync("/api/classifications", new { subjectId, answer = "Tremor", idempotencyKey = "a-" + Guid.NewGuid() });
        var again = await client.PostAsJsonAsync("/api/classifications", new { subjectId, answer = "Noise", idempotencyKey = "b-" + Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await using var db = await site.Factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>().CreateDbContextAsync();
        Assert.Equal(before + 1, await db.Subjects.Where(s => s.Id == subjectId).Select(s => s.VoteCount).SingleAsync());
    }

    [Fact]
    public async Task Post_UnknownSubject_Returns400WithMessage()
    {
        var response = await NewVolunteer().PostAsJsonAsync("/api/classifications", new { subjectId = 987654321L, answer = "Noise", idempotencyKey = "k1" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("987654321", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AnswerNotInCampaign_Returns400NamingChoices()
    {
        var client = NewVolunteer();
        var subjectId = (await NextAsync(client)).GetProperty("subjectId").GetInt64();

        var response = await client.PostAsJsonAsync("/api/classifications", new { subjectId, answer = "Volcano", idempotencyKey = "k2" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("Volcano", text, StringComparison.Ordinal);
        Assert.Contains("None of the above", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_AfterAnswering_NeverRepeatsASubject()
    {
        var client = NewVolunteer();
        var seen = new HashSet<long>();
        for (var i = 0; i < 5; i++)
        {
            var subjectId = (await NextAsync(client)).GetProperty("subjectId").GetInt64();
            Assert.True(seen.Add(subjectId), $"subject {subjectId} was offered twice");
            var post = await client.PostAsJsonAsync("/api/classifications", new { subjectId, answer = "Earthquake", idempotencyKey = Guid.NewGuid().ToString("N") });
            Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        }
    }

    [Fact]
    public async Task Media_PlotAndAudio_AreServedWithETag()
    {
        var client = NewVolunteer();
        var next = await NextAsync(client);

        var plot = await client.GetAsync(next.GetProperty("plotUrl").GetString());
        var audio = await client.GetAsync(next.GetProperty("audioUrl").GetString());

        Assert.Equal(HttpStatusCode.OK, plot.StatusCode);
        Assert.Equal("image/png", plot.Content.Headers.ContentType?.MediaType);
        var png = await plot.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.NotNull(plot.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        var wav = await audio.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));

        var conditional = new HttpRequestMessage(HttpMethod.Get, next.GetProperty("plotUrl").GetString());
        conditional.Headers.IfNoneMatch.Add(plot.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
    }
}
