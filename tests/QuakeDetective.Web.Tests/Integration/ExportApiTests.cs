using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using QuakeDetective.Core.Exports;

namespace QuakeDetective.Web.Tests.Integration;

public sealed class ExportApiTests(ConsensusSite site) : IClassFixture<ConsensusSite>
{
    private async Task<HttpResponseMessage> ExportAsync(string format)
    {
        var accepted = await site.Scientist.PostAsJsonAsync($"/api/campaigns/{site.CampaignId}/exports", new { format });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var statusUrl = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;
        var status = await ConsensusSite.EventuallyValueAsync(async () =>
        {
            var s = await site.Scientist.GetFromJsonAsync<JsonElement>(statusUrl);
            return s.GetProperty("status").GetString() is "succeeded" or "failed" ? (JsonElement?)s : null;
        }, TimeSpan.FromSeconds(60), $"the {format} export");
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        return await site.Scientist.GetAsync(status.GetProperty("downloadUrl").GetString());
    }

    [Fact]
    public async Task VotesCsv_FromTheSite_DownloadsZooniverseColumns()
    {
        var file = await ExportAsync("votes-csv");

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        var header = (await file.Content.ReadAsStringAsync()).Split('\n')[0];
        Assert.Equal(string.Join(',', VotesCsvExport.Columns), header);
    }

    [Fact]
    public async Task SeisBench_FromTheSite_IsAZipOfTheTwoDatasetFiles()
    {
        var file = await ExportAsync("seisbench");

        Assert.Equal("application/zip", file.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await file.Content.ReadAsStreamAsync());
        Assert.Equal(["metadata.csv", "waveforms.hdf5"], zip.Entries.Select(e => e.FullName).Order());
    }

    [Fact]
    public async Task Exports_ForVolunteersAndBadRequests_AreRefused()
    {
        var byVolunteer = await site.Volunteer.PostAsJsonAsync($"/api/campaigns/{site.CampaignId}/exports", new { format = "votes-csv" });
        var badFormat = await site.Scientist.PostAsJsonAsync($"/api/campaigns/{site.CampaignId}/exports", new { format = "xlsx" });
        var unknown = await site.Scientist.PostAsJsonAsync("/api/campaigns/987654/exports", new { format = "votes-csv" });
        var noFile = await site.Scientist.GetAsync("/api/exports/987654/file");
        var anonymousFile = await site.Anonymous().GetAsync("/api/exports/1/file");

        Assert.Equal(HttpStatusCode.Forbidden, byVolunteer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("seisbench", await badFormat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noFile.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousFile.StatusCode);
    }
}
