using System.Globalization;
using QuakeDetective.Cli;

namespace QuakeDetective.Cli.Tests;

public sealed class AggregateCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("quake-aggregate-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Aggregate_Majority_WritesFixedColumns()
    {
        var votes = Write("votes.csv", "subject_id,volunteer_id,label\ns1,a,Noise\ns1,b,Noise\ns1,c,Tremor\ns2,a,Earthquake\n");
        var output = Path.Combine(_folder.FullName, "out.csv");

        var (code, stdout, stderr) = await RunAsync("aggregate", "--votes", votes, "--out", output);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("Aggregated 4 votes by 3 volunteers on 2 subjects with majority", stdout);
        var lines = File.ReadAllLines(output);
        Assert.Equal("subject_id,label,confidence,votes,agreement", lines[0]);
        Assert.Equal("s1,Noise,0.666667,3,0.666667", lines[1]);
        Assert.Equal("s2,Earthquake,1,1,1", lines[2]);
    }

    [Theory]
    [InlineData("majority")]
    [InlineData("weighted")]
    [InlineData("dawid-skene")]
    public async Task Aggregate_EveryMethodWithGold_OneRowPerSubjectWithValidNumbers(string method)
    {
        var rows = new List<string> { "volunteer_id,label,subject_id,extra" };
        for (var s = 0; s < 30; s++)
        {
            var truth = s % 3 == 0 ? "Tremor" : "Noise";
            rows.Add($"good1,{truth},s{s},x");
            rows.Add($"good2,{truth},s{s},x");
            rows.Add($"lazy,Noise,s{s},x");
        }

        var votes = Write("votes.csv", string.Join('\n', rows));
        var gold = Write("gold.csv", "subject_id,label\ns0,Tremor\ns1,Noise\nunvoted,Earthquake\n");
        var output = Path.Combine(_folder.FullName, "out.csv");

        var (code, stdout, stderr) = await RunAsync("aggregate", "--votes", votes, "--gold", gold, "--method", method, "--out", output);

        Assert.Equal(0, code);
        Assert.Contains($"with {method}", stdout);
        Assert.Contains("gold.csv: 1 gold subject has no votes and is ignored.", stderr);
        var lines = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(30, lines.Count);
        Assert.All(lines, l =>
        {
            var confidence = double.Parse(l[2], CultureInfo.InvariantCulture);
            Assert.InRange(confidence, 0, 1);
            Assert.Equal("3", l[3]);
        });
        Assert.Equal("Tremor", lines.Single(l => l[0] == "s3")[1]);
    }

    [Fact]
    public async Task Aggregate_BadRows_ReportedWithLineNumbersAndGoodRowsUsed()
    {
        var votes = Write("votes.csv", "subject_id,volunteer_id,label\ns1,a,Noise\ns2,a\ns3,,Noise\ns4,a,\"Noise\ns5,a,Tremor\ns5,a,Noise\n");
        var output = Path.Combine(_folder.FullName, "out.csv");

        var (code, _, stderr) = await RunAsync("aggregate", "--votes", votes, "--out", output);

        Assert.Equal(0, code);
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("votes.csv line 3: wrong column count: 2 fields, the header has 3", errors);
        Assert.Contains("votes.csv line 4: missing field: 'volunteer_id' is empty", errors);
        Assert.Contains(errors, e => e.StartsWith("votes.csv line 5: unterminated quote", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("votes.csv: 1 repeated vote", StringComparison.Ordinal));
        Assert.Equal(["s1", "s5"], File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task Aggregate_NothingUsable_NonZeroOneLineErrorNoOutput()
    {
        var votes = Write("votes.csv", "subject_id,volunteer_id,label\ns1,a\n");
        var output = Path.Combine(_folder.FullName, "out.csv");

        var (code, _, stderr) = await RunAsync("aggregate", "--votes", votes, "--out", output);

        Assert.Equal(1, code);
        Assert.EndsWith("quake: votes.csv: no usable vote rows (1 bad); nothing to aggregate.", stderr.TrimEnd());
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("subject,volunteer,answer\ns1,a,Noise\n", "votes.csv line 1: the header lacks columns")]
    [InlineData("", "votes.csv line 1: the file is empty")]
    public async Task Aggregate_BadHeader_OneLineError(string content, string expected)
    {
        var votes = Write("votes.csv", content);

        var (code, stdout, stderr) = await RunAsync("aggregate", "--votes", votes, "--out", Path.Combine(_folder.FullName, "out.csv"));

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("quake: " + expected, line);
    }

    [Fact]
    public async Task Aggregate_MissingFileUnknownMethodMissingOption_OneLineErrors()
    {
        var votes = Write("votes.csv", "subject_id,volunteer_id,label\ns1,a,Noise\n");
        var output = Path.Combine(_folder.FullName, "out.csv");

        var missing = await RunAsync("aggregate", "--votes", Path.Combine(_folder.FullName, "none.csv"), "--out", output);
        var method = await RunAsync("aggregate", "--votes", votes, "--out", output, "--method", "median");
        var noOut = await RunAsync("aggregate", "--votes", votes);
        var noFolder = await RunAsync("aggregate", "--votes", votes, "--out", Path.Combine(_folder.FullName, "no", "out.csv"));

        Assert.NotEqual(0, missing.Code);
        Assert.Matches("^quake: votes file '.*none.csv' not found.\n$", missing.Stderr.Replace("\r", ""));
        Assert.NotEqual(0, method.Code);
        Assert.Equal("quake: unknown --method 'median'; expected one of: majority, weighted, dawid-skene.", method.Stderr.Trim());
        Assert.NotEqual(0, noOut.Code);
        Assert.Single(noOut.Stderr.Trim().Split('\n'));
        Assert.Contains("--out", noOut.Stderr);
        Assert.NotEqual(0, noFolder.Code);
        Assert.Contains("does not exist", noFolder.Stderr);
        Assert.DoesNotContain("   at ", missing.Stderr + method.Stderr + noOut.Stderr + noFolder.Stderr);
    }

    [Fact]
    public async Task Aggregate_ClassesOption_DecidesTies()
    {
        var votes = Write("votes.csv", "subject_id,volunteer_id,label\ns1,a,Noise\ns1,b,Tremor\n");
        var output = Path.Combine(_folder.FullName, "out.csv");

        await RunAsync("aggregate", "--votes", votes, "--out", output);
        var ordinal = File.ReadAllLines(output)[1];
        await RunAsync("aggregate", "--votes", votes, "--out", output, "--classes", "Tremor,Noise");
        var given = File.ReadAllLines(output)[1];

        Assert.StartsWith("s1,Noise,", ordinal);
        Assert.StartsWith("s1,Tremor,", given);
    }

    [Fact]
    public async Task Aggregate_SpreadsheetFormulaInIds_Escaped()
    {
        var votes = Write("votes.csv", "subject_id,volunteer_id,label\n=HYPERLINK(1),a,@Noise\n");
        var output = Path.Combine(_folder.FullName, "out.csv");

        await RunAsync("aggregate", "--votes", votes, "--out", output);

        Assert.Equal("'=HYPERLINK(1),'@Noise,1,1,1", File.ReadAllLines(output)[1]);
    }

    [Fact]
    public async Task Help_DocumentsTheExitRule()
    {
        var (code, stdout, _) = await RunAsync("aggregate", "--help");

        Assert.Equal(0, code);
        Assert.Contains("non-zero only when", stdout);
        Assert.Contains("dawid-skene", stdout);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await QuakeCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
