using System.IO.Compression;
using System.Text.Json;
using QuakeDetective.Core.Domain;
using QuakeDetective.Core.Privacy;

namespace QuakeDetective.Core.Tests.Privacy;

public sealed class PersonalDataExporterTests
{
    [Fact]
    public async Task Export_Account_HasAccountFieldsEveryVoteAndStats()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await PrivacyScenario.CreateAsync(database);

        var export = await database.Get<PersonalDataExporter>().ExportAsync(PersonalDataOwner.Account(PrivacyScenario.VolunteerUserId), CancellationToken.None);

        Assert.Equal(PrivacyScenario.VolunteerEmail, export.Account?.Email);
        Assert.Equal(PrivacyScenario.VolunteerEmail, export.Account?.UserName);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), export.Account?.CreatedAt);
        Assert.Equal([Roles.Volunteer], export.Account?.Roles);
        Assert.Equal(scenario.AccountVolunteerId, export.Volunteer?.VolunteerId);
        Assert.Equal(PersonalVolunteer.AccountKind, export.Volunteer?.Kind);
        Assert.Equal(1, export.Volunteer?.MergedBrowsers);
        Assert.Equal(scenario.Subjects, export.Votes.Select(v => v.SubjectId).Order());
        Assert.All(export.Votes, v => Assert.Equal("privacy", v.CampaignName));
        Assert.Equal(5, export.Votes.Count(v => v.StartedAt is not null && v.DurationMs is >= 0));
        Assert.Equal(6, export.Contributions?.Total);
    }

    [Fact]
    public async Task Export_Browser_HasOnlyItsOwnVotesAndNoAccount()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await PrivacyScenario.CreateAsync(database);

        var export = await database.Get<PersonalDataExporter>().ExportAsync(PersonalDataOwner.Browser(scenario.AnonymousBrowser), CancellationToken.None);

        Assert.Null(export.Account);
        Assert.Equal(scenario.AnonymousVolunteerId, export.Volunteer?.VolunteerId);
        Assert.Equal(PersonalVolunteer.AnonymousKind, export.Volunteer?.Kind);
        Assert.Equal(6, export.Votes.Count);
        Assert.DoesNotContain(PrivacyScenario.VolunteerEmail, System.Text.Encoding.UTF8.GetString(PersonalDataFiles.ToJson(export)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_BrowserMergedIntoAnAccount_DoesNotHandOutTheAccountsVotes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = await PrivacyScenario.CreateAsync(database);

        var export = await database.Get<PersonalDataExporter>().ExportAsync(PersonalDataOwner.Browser(scenario.MergedBrowser), CancellationToken.None);

        Assert.Null(export.Account);
        Assert.Empty(export.Votes);
        Assert.Null(export.Contributions);
        Assert.Contains("Sign in", export.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToZip_HoldsTheJsonAndOneCsvLinePerVote()
    {
        await using var database = await TestDatabase.CreateAsync();
        await PrivacyScenario.CreateAsync(database);
        var export = await database.Get<PersonalDataExporter>().ExportAsync(PersonalDataOwner.Account(PrivacyScenario.VolunteerUserId), CancellationToken.None);

        using var zip = new ZipArchive(new MemoryStream(PersonalDataFiles.ToZip(export)));
        using var json = JsonDocument.Parse(zip.GetEntry("my-data.json")!.Open());
        using var csv = new StreamReader(zip.GetEntry("votes.csv")!.Open());
        var lines = (await csv.ReadToEndAsync()).TrimEnd('\n').Split('\n');

        Assert.Equal(PrivacyScenario.VolunteerEmail, json.RootElement.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(6, json.RootElement.GetProperty("votes").GetArrayLength());
        Assert.Equal(6, json.RootElement.GetProperty("contributions").GetProperty("total").GetInt32());
        Assert.Equal(string.Join(',', PersonalDataFiles.VoteColumns), lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Equal(PersonalDataFiles.VoteColumns.Count, l.Split(',').Length));
    }
}
