using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Exports;
using QuakeDetective.Web.Infrastructure;
using QuakeDetective.Web.Tests.Authorization;
using QuakeDetective.Web.Tests.Integration;

namespace QuakeDetective.Web.Tests.Privacy;

/// <summary>
/// Volunteers' e-mail addresses, Identity user ids and IP addresses never reach exports, results or admin pages:
/// two volunteers with distinctive addresses vote (one also from a distinctive remote address and X-Forwarded-For),
/// then every export format, the consensus API by method and format, and every GET page and endpoint of the app
/// (from the endpoint data source, so new pages are covered too) are fetched as an admin and searched.
/// </summary>
public sealed class PersonalDataLeakTests(PrivacySite site) : IClassFixture<PrivacySite>
{
    private const string RemoteIp = "198.51.100.23";
    private const string ForwardedIp = "203.0.113.77";

    [Fact]
    public async Task ExportsAndScientistPages_NeverShowVolunteersEmailUserIdOrIp()
    {
        var (alice, aliceId) = await site.VolunteerAsync("alice-privacy-8841@example.org");
        var (bob, bobId) = await site.VolunteerAsync("bob-privacy-8842@example.org");
        alice.DefaultRequestHeaders.Add("X-Forwarded-For", ForwardedIp);
        alice.DefaultRequestHeaders.Add("X-Real-IP", ForwardedIp);
        var voted = await PrivacySite.VoteAsync(alice, 4, "Earthquake");
        voted.AddRange(await PrivacySite.VoteAsync(bob, 4, "Noise"));
        voted.Add(await VoteFromRemoteAddressAsync());
        string[] needles = ["alice-privacy-8841", "bob-privacy-8842", aliceId, bobId, RemoteIp, ForwardedIp];

        // Dawid–Skene once, so that the skill table and snapshots have something per volunteer.
        var recompute = await site.Scientist.PostAsJsonAsync($"/api/campaigns/{site.CampaignId}/consensus/recompute", new { });
        Assert.Equal(HttpStatusCode.Accepted, recompute.StatusCode);
        await WaitForJobAsync((await recompute.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!);

        var documents = new Dictionary<string, string>();
        foreach (var format in ExportFormats.Names)
        {
            foreach (var (name, text) in await ExportAsync(format))
            {
                documents[$"export {format} {name}"] = text;
            }
        }

        foreach (var method in AggregationMethods.All)
        {
            foreach (var accept in new[] { "text/csv", "application/json" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/campaigns/{site.CampaignId}/consensus?method={method}");
                request.Headers.Accept.ParseAdd(accept);
                var response = await site.Scientist.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                documents[$"consensus {method} {accept}"] = await response.Content.ReadAsStringAsync();
            }
        }

        var pages = EndpointListing.All(site.Factory).Where(e => e.Method == "GET" && e.Pattern != "/api/me/data").Select(e => Fill(e.Pattern)).ToList();
        pages.AddRange(voted.Distinct().Select(id => $"/results/subjects/{id}"));
        pages.Add($"/results/{site.CampaignId}/subjects?pageSize=200");
        pages.Add($"/results/{site.CampaignId}/volunteers?pageSize=200");
        foreach (var url in pages.Distinct())
        {
            var response = await site.Admin.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
            documents[$"page {url}"] = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        }

        // The skill table and subject pages did show the volunteers (by pseudonym), so the search had something to miss.
        Assert.Contains("volunteer-", documents[$"page /results/{site.CampaignId}/volunteers?pageSize=200"], StringComparison.Ordinal);
        Assert.Contains("volunteer-", documents[$"page /results/subjects/{voted[0]}"], StringComparison.Ordinal);
        Assert.True(documents["export votes-csv votes-csv"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > voted.Count, "the votes CSV lacks the votes");
        var leaks = documents
            .SelectMany(d => needles.Where(n => d.Value.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"{d.Key} contains {n}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.True(documents.Count > 30, $"only {documents.Count} documents were searched");

        // Her own download does hold her address.
        var mine = await PrivacySite.MyDataAsync(alice);
        Assert.Equal("alice-privacy-8841@example.org", mine.GetProperty("account").GetProperty("email").GetString());
        Assert.DoesNotContain("bob-privacy-8842", mine.GetRawText(), StringComparison.Ordinal);

        // What identifies her on those pages is her pseudonym: the search does find that one.
        var pseudonym = mine.GetProperty("volunteer").GetProperty("pseudonym").GetString()!;
        Assert.Contains(documents, d => d.Key.StartsWith("page /results/", StringComparison.Ordinal) && d.Value.Contains(pseudonym, StringComparison.Ordinal));
    }

    [Fact]
    public async Task IpAddresses_AreStoredNowhere_NotInTheDatabaseNorInTheDataFolder()
    {
        var (client, _) = await site.VolunteerAsync("carol-privacy-8843@example.org");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ForwardedIp);
        await PrivacySite.VoteAsync(client, 2);
        await VoteFromRemoteAddressAsync();

        var inDatabase = await DatabaseText.FindAsync(site.DbFactory, RemoteIp, ForwardedIp);
        var inFiles = Directory.EnumerateFiles(site.Factory.DataFolder, "*", SearchOption.AllDirectories)
            .Where(path => ReadShared(path) is { } text && (text.Contains(RemoteIp, StringComparison.Ordinal) || text.Contains(ForwardedIp, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(inDatabase);
        Assert.Empty(inFiles);

        // The search works: the same scan finds a volunteer's e-mail in the accounts table.
        Assert.NotEmpty(await DatabaseText.FindAsync(site.DbFactory, "carol-privacy-8843"));
    }

    /// <summary>An anonymous vote whose connection comes from <see cref="RemoteIp"/> (the test server lets us set it).</summary>
    private async Task<long> VoteFromRemoteAddressAsync()
    {
        var cookie = $"{AnonymousVolunteerCookie.CookieName}={Guid.NewGuid():N}";
        var next = await site.Factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/api/subjects/next";
            c.Request.Headers.Cookie = cookie;
            c.Request.Headers["X-Forwarded-For"] = ForwardedIp;
            c.Connection.RemoteIpAddress = IPAddress.Parse(RemoteIp);
        });
        Assert.Equal(200, next.Response.StatusCode);
        var subjectId = (await JsonSerializer.DeserializeAsync<JsonElement>(next.Response.Body)).GetProperty("subjectId").GetInt64();
        var body = JsonSerializer.SerializeToUtf8Bytes(new { subjectId, answer = "Tremor", idempotencyKey = Guid.NewGuid().ToString("N") });
        var post = await site.Factory.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/api/classifications";
            c.Request.Headers.Cookie = cookie;
            c.Request.Headers["X-Forwarded-For"] = ForwardedIp;
            c.Request.ContentType = "application/json";
            c.Request.Body = new MemoryStream(body);
            c.Request.ContentLength = body.Length;
            c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
            c.Connection.RemoteIpAddress = IPAddress.Parse(RemoteIp);
        });
        Assert.True(post.Response.StatusCode == 201, $"{post.Response.StatusCode}: {await new StreamReader(post.Response.Body).ReadToEndAsync()}");
        return subjectId;
    }

    /// <summary>The test server's hand-built request says it has no body unless told otherwise.</summary>
    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private async Task<List<(string Name, string Text)>> ExportAsync(string format)
    {
        var accepted = await site.Scientist.PostAsJsonAsync($"/api/campaigns/{site.CampaignId}/exports", new { format });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = await WaitForJobAsync((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!);
        var file = await site.Scientist.GetAsync(status.GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        if (file.Content.Headers.ContentType?.MediaType != "application/zip")
        {
            return [(format, Encoding.UTF8.GetString(bytes))];
        }

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var entries = new List<(string, string)>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.Latin1);
            entries.Add((entry.FullName, await reader.ReadToEndAsync()));
        }

        Assert.Contains(entries, e => e.Item1 == "metadata.csv");
        return entries;
    }

    private async Task<JsonElement> WaitForJobAsync(string statusUrl)
    {
        var status = await ConsensusSite.EventuallyValueAsync(async () =>
        {
            var s = await site.Scientist.GetFromJsonAsync<JsonElement>(statusUrl);
            return s.GetProperty("status").GetString() is "succeeded" or "failed" ? (JsonElement?)s : null;
        }, TimeSpan.FromSeconds(90), statusUrl);
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        return status;
    }

    private string Fill(string pattern)
    {
        var text = pattern;
        while (text.IndexOf('{', StringComparison.Ordinal) is var start and >= 0)
        {
            var end = text.IndexOf('}', start);
            var name = text[(start + 1)..end].Split(':')[0].TrimEnd('?');
            var value = name.Contains("campaign", StringComparison.OrdinalIgnoreCase) || name == "id" ? site.CampaignId.ToString(CultureInfo.InvariantCulture) : "1";
            text = text[..start] + value + text[(end + 1)..];
        }

        return text;
    }

    private static string? ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
