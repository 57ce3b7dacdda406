using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;
using QuakeDetective.Tests;
using SkiaSharp;

namespace QuakeDetective.Web.Tests.Integration;

/// <summary>GET /api/subjects/next follows the same queue rules as the page; the media behind its URLs come in every size the page asks for.</summary>
public sealed class VolunteerApiTests : IClassFixture<VolunteerApiTests.Site>
{
    private readonly Site _site;

    public VolunteerApiTests(Site site) => _site = site;

    /// <summary>A small demo with two gold subjects per class: one teaching example and one test subject each.</summary>
    public sealed class Site : IDisposable
    {
        public QuakeWebFactory Factory { get; } = new(settings: new Dictionary<string, string?>
        {
            ["Demo:SubjectCount"] = "16",
            ["Demo:GoldPerClass"] = "2",
            ["Queue:RandomSeed"] = "4",
        });

        public void Dispose() => Factory.Dispose();
    }

    private HttpClient NewVolunteer() => _site.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    private async Task<IDbContextFactory<QuakeDbContext>> DbAsync()
    {
        await Task.CompletedTask;
        return _site.Factory.GetRequiredService<IDbContextFactory<QuakeDbContext>>();
    }

    [Fact]
    public async Task Next_AnsweringUntilEmpty_NeverRepeatsNeverTeachingExamplesThen204()
    {
        var client = NewVolunteer();
        var seen = new List<long>();
        HttpResponseMessage response;
        while ((response = await client.GetAsync("/api/subjects/next")).StatusCode == HttpStatusCode.OK && seen.Count < 40)
        {
            var next = await response.Content.ReadFromJsonAsync<JsonElement>();
            var subjectId = next.GetProperty("subjectId").GetInt64();
            Assert.DoesNotContain(subjectId, seen);
            Assert.Equal(new[] { "audioUrl", "campaignId", "choices", "plotUrl", "subjectId" }, next.EnumerateObject().Select(p => p.Name).Order());
            seen.Add(subjectId);
            var post = await client.PostAsJsonAsync("/api/classifications", new { subjectId, answer = "Noise", idempotencyKey = Guid.NewGuid().ToString("N") });
            Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await using var db = await (await DbAsync()).CreateDbContextAsync();
        var gold = await db.GoldLabels.Select(g => new { g.SubjectId, g.Label }).ToListAsync();
        var teaching = Core.Volunteering.TeachingExamples.Select(gold.Select(g => (g.SubjectId, g.Label)));
        var eligible = await db.Subjects.Where(s => s.Status == SubjectStatus.Active || seen.Contains(s.Id)).Select(s => s.Id).ToListAsync();
        Assert.Empty(seen.Intersect(teaching));
        Assert.Equal(eligible.Except(teaching).Order(), seen.Order());
    }

    [Fact]
    public async Task Next_RetiredSubject_IsNotHandedOut()
    {
        var client = NewVolunteer();
        var first = (await (await client.GetAsync("/api/subjects/next")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetInt64();
        await using (var db = await (await DbAsync()).CreateDbContextAsync())
        {
            await db.Subjects.Where(s => s.Id == first).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubjectStatus.Retired));
        }

        try
        {
            for (var i = 0; i < 10; i++)
            {
                var next = (await (await NewVolunteer().GetAsync("/api/subjects/next")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetInt64();
                Assert.NotEqual(first, next);
            }
        }
        finally
        {
            await using var db = await (await DbAsync()).CreateDbContextAsync();
            await db.Subjects.Where(s => s.Id == first).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubjectStatus.Active));
        }
    }

    [Theory]
    [InlineData("", 1200, 500)]
    [InlineData("?w=360&h=260&horizontals=false", 360, 260)]
    [InlineData("?w=720&h=540&horizontals=true", 720, 540)]
    [InlineData("?w=1200&h=500&horizontals=false&kind=spectrogram", 1200, 500)]
    public async Task Plot_EveryVariantThePageUses_IsAPngOfThatSizeWithCaching(string query, int width, int height)
    {
        var client = NewVolunteer();
        var next = await (await client.GetAsync("/api/subjects/next")).Content.ReadFromJsonAsync<JsonElement>();

        var response = await client.GetAsync(next.GetProperty("plotUrl").GetString() + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        var again = new HttpRequestMessage(HttpMethod.Get, next.GetProperty("plotUrl").GetString() + query);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Contributions_AfterVotesThroughTheApi_CountsThem()
    {
        var client = NewVolunteer();
        for (var i = 0; i < 3; i++)
        {
            var subjectId = (await (await client.GetAsync("/api/subjects/next")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetInt64();
            await client.PostAsJsonAsync("/api/classifications", new { subjectId, answer = i == 0 ? "Tremor" : "Noise", idempotencyKey = "k" + i });
        }

        var html = await client.GetStringAsync("/contributions");

        Assert.Contains("data-testid=\"contribution-count\">3<", html, StringComparison.Ordinal);
        Assert.Matches("Tremor</th>\\s*<td class=\"bar-count\">1<", html);
    }
}
