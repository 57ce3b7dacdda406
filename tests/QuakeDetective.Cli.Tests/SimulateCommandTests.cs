using System.Text.Json;
using QuakeDetective.Cli;

namespace QuakeDetective.Cli.Tests;

public class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_Table_ListsEveryMethodAndClass()
    {
        var (code, stdout, stderr) = await RunAsync("simulate", "--subjects", "1500", "--volunteers", "120", "--votes-per-subject", "7", "--seed", "3");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("Simulated campaign: 1500 subjects, 120 volunteers, 7 votes per subject, seed 3", stdout);
        Assert.Contains("10500 votes", stdout);
        foreach (var expected in new[] { "majority", "weighted", "dawid-skene", "Earthquake", "Tremor", "Noise", "None of the above" })
        {
            Assert.Contains(expected, stdout);
        }
    }

    [Fact]
    public async Task Simulate_Json_SameSeedSameNumbers()
    {
        string[] args = ["simulate", "--subjects", "800", "--volunteers", "60", "--votes-per-subject", "5", "--seed", "9", "--json"];

        var first = await RunAsync(args);
        var second = await RunAsync(args);

        Assert.Equal(0, first.Code);
        Assert.Equal(first.Stdout, second.Stdout);
        using var json = JsonDocument.Parse(first.Stdout);
        Assert.Equal(800, json.RootElement.GetProperty("subjects").GetInt32());
        Assert.Equal(4000, json.RootElement.GetProperty("votes").GetInt32());
        var methods = json.RootElement.GetProperty("aggregation").EnumerateArray().Select(m => m.GetProperty("method").GetString()).ToList();
        Assert.Equal(["majority", "weighted", "dawid-skene"], methods);
        Assert.All(json.RootElement.GetProperty("aggregation").EnumerateArray(), m => Assert.InRange(m.GetProperty("accuracy").GetDouble(), 0.5, 1));
    }

    [Fact]
    public async Task Simulate_ImpossibleOptions_OneLineError()
    {
        var (code, stdout, stderr) = await RunAsync("simulate", "--subjects", "10", "--volunteers", "3", "--votes-per-subject", "5");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("quake: Each subject needs 5 different volunteers but there are only 3; lower the votes per subject or add volunteers.", stderr.Trim());
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await QuakeCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
