using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using QuakeDetective.Tests;
using QuakeDetective.Web.Components.Shared;
using SkiaSharp;

namespace QuakeDetective.Web.Tests.Integration;

/// <summary>The page's 2x pictures are served like the 1x ones (twice the pixels, own ETag, cached); contributions count days in the browser's zone.</summary>
public sealed class VolunteerMediaAndTimeZoneTests : IClassFixture<VolunteerMediaAndTimeZoneTests.Site>
{
    private readonly Site _site;

    public VolunteerMediaAndTimeZoneTests(Site site) => _site = site;

    public sealed class Site : IDisposable
    {
        public QuakeWebFactory Factory { get; } = new(settings: new Dictionary<string, string?>
        {
            ["Demo:SubjectCount"] = "8",
            ["Demo:GoldPerClass"] = "0",
        });

        public void Dispose() => Factory.Dispose();
    }

    private HttpClient NewVolunteer() => _site.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    [Theory]
    [InlineData(false, false, 360, 260)]
    [InlineData(false, true, 1200, 760)]
    [InlineData(true, false, 720, 320)]
    public async Task Plot_Scale2_TwiceThePixelsOwnETagAndCached(bool spectrogram, bool horizontals, int width, int height)
    {
        var client = NewVolunteer();
        var subjectId = (await (await client.GetAsync("/api/subjects/next")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetInt64();
        var variant = new PlotVariant(spectrogram, horizontals, width, height);
        var url1 = "/" + PlotSources.Url(subjectId, variant, campaignShowsHorizontals: false);
        var url2 = "/" + PlotSources.Url(subjectId, variant, campaignShowsHorizontals: false, scale: 2);

        using var one = await client.GetAsync(url1);
        using var two = await client.GetAsync(url2);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (one.StatusCode, two.StatusCode));
        using var bitmap1 = SKBitmap.Decode(await one.Content.ReadAsByteArrayAsync());
        var png2 = await two.Content.ReadAsByteArrayAsync();
        using var bitmap2 = SKBitmap.Decode(png2);
        Assert.Equal((width, height), (bitmap1.Width, bitmap1.Height));
        Assert.Equal((2 * width, 2 * height), (bitmap2.Width, bitmap2.Height));
        Assert.NotEqual(one.Headers.ETag, two.Headers.ETag);
        Assert.Contains("max-age", two.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, url2);
        again.Headers.IfNoneMatch.Add(two.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        Assert.Equal(png2, await client.GetByteArrayAsync(url2));
    }

    [Fact]
    public async Task Contributions_TimeZoneCookie_CountsDaysThereElseInUtc()
    {
        var client = NewVolunteer();
        var subjectId = (await (await client.GetAsync("/api/subjects/next")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("subjectId").GetInt64();
        await client.PostAsJsonAsync("/api/classifications", new { subjectId, answer = "Noise", idempotencyKey = "tz-1" });

        var utc = await client.GetStringAsync("/contributions");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/contributions");
        request.Headers.Add("Cookie", "qd_tz=America/New_York");
        var local = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("data-time-zone=\"UTC\"", utc, StringComparison.Ordinal);
        Assert.Contains("data-time-zone=\"America/New_York\"", local, StringComparison.Ordinal);
        Assert.Contains("in your time zone (America/New York)", local, StringComparison.Ordinal);
    }
}
