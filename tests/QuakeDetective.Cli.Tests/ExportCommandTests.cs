using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QuakeDetective.Core.Accounts;
using QuakeDetective.Core.Classifications;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Cli.Tests;

public sealed class ExportCommandTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "quake-cli-export-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        // A campaign of two subjects with three votes, made through the same services the site uses.
        using var host = await CliHost.StartAsync(_folder, CancellationToken.None);
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<QuakeDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var campaign = new Campaign { Name = "Triggered 2010" };
        for (var i = 0; i < 2; i++)
        {
            campaign.Subjects.Add(new Subject { Station = "XX.A.00", Channels = "BHZ", WaveformPath = $"x{i}.mseed", ImportKey = $"k{i}", SampleRate = 40 });
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        var volunteers = host.Services.GetRequiredService<VolunteerService>();
        var votes = host.Services.GetRequiredService<ClassificationService>();
        var subject = campaign.Subjects[0].Id;
        foreach (var answer in new[] { DefaultAnswers.Tremor, DefaultAnswers.Tremor, DefaultAnswers.Noise })
        {
            var volunteer = await volunteers.ResolveAsync(null, Guid.NewGuid(), CancellationToken.None);
            await votes.SubmitAsync(new ClassificationRequest(volunteer, subject, answer, Guid.NewGuid().ToString("N")), CancellationToken.None);
        }
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await QuakeCli.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ConsensusCsv_WritesOneRowPerSubject()
    {
        var output = Path.Combine(_folder, "labels.csv");

        var (exit, stdout, stderr) = await RunAsync("export", "--campaign", "Triggered 2010", "--format", "consensus-csv", "--out", output, "--data-folder", _folder);

        Assert.True(exit == 0, stderr);
        Assert.Contains("2 rows", stdout, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",Tremor,0.666667,0.666667,3,0,2,1,0,false,majority,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DawidSkeneJson_EstimatesFirstWhenStale()
    {
        var output = Path.Combine(_folder, "labels.json");

        var (exit, _, stderr) = await RunAsync("export", "--campaign", "Triggered 2010", "--format", "consensus-json", "--method", "dawid-skene", "--out", output, "--data-folder", _folder);

        Assert.True(exit == 0, stderr);
        Assert.Contains("Estimating Dawid–Skene first", stderr, StringComparison.Ordinal);
        var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal("Tremor", json.RootElement.GetProperty("subjects")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task VotesCsv_HasZooniverseHeaderAndEveryVote()
    {
        var output = Path.Combine(_folder, "votes.csv");

        var (exit, _, stderr) = await RunAsync("export", "--campaign", "Triggered 2010", "--format", "votes-csv", "--out", output, "--data-folder", _folder);

        Assert.True(exit == 0, stderr);
        var text = await File.ReadAllTextAsync(output);
        Assert.StartsWith("classification_id,user_name,user_id,user_ip,workflow_id,workflow_name,workflow_version,created_at,gold_standard,expert,metadata,annotations,subject_data,subject_ids\n", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("No such campaign", "consensus-csv", "no campaign named 'No such campaign'")]
    [InlineData("Triggered 2010", "xlsx", "xlsx")]
    public async Task BadCampaignOrFormat_OneLineErrorAndNonZeroExit(string campaign, string format, string message)
    {
        var (exit, _, stderr) = await RunAsync("export", "--campaign", campaign, "--format", format, "--out", Path.Combine(_folder, "x.csv"), "--data-folder", _folder);

        Assert.NotEqual(0, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(_folder, "x.csv")));
    }

    [Fact]
    public async Task OutIntoMissingFolder_SaysWhichFolder()
    {
        var (exit, _, stderr) = await RunAsync("export", "--campaign", "Triggered 2010", "--format", "consensus-csv", "--out", Path.Combine(_folder, "nope", "x.csv"), "--data-folder", _folder);

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }
}
