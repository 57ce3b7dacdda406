using QuakeDetective.Core.Consensus;
using QuakeDetective.Core.Consensus.Csv;

namespace QuakeDetective.Core.Tests.Consensus.Csv;

public class CsvWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("", "")]
    public void EscapeText_NeutralisesFormulasAndQuotes(string value, string expected)
    {
        Assert.Equal(expected, CsvWriter.EscapeText(value));
    }

    [Fact]
    public void Number_InvariantCultureNeverEscaped()
    {
        var text = new StringWriter();
        new CsvWriter(text).Number(-0.5).Number(2.0 / 3).Integer(-3).EndRecord();

        Assert.Equal("-0.5,0.666667,-3\n", text.ToString());
    }

    [Fact]
    public void ConsensusCsvWriter_WritesFixedColumnsAndEscapesIds()
    {
        var votes = VoteSet.Create([new("=cmd", "a", "Noise"), new("=cmd", "b", "Noise"), new("=cmd", "c", "Tremor"), new("s,2", "a", "Tremor")]);
        var result = new MajorityVoteAggregator().Aggregate(votes, null);
        var text = new StringWriter();

        ConsensusCsvWriter.Write(text, result);

        Assert.Equal(
            "subject_id,label,confidence,votes,agreement\n'=cmd,Noise,0.666667,3,0.666667\n\"s,2\",Tremor,1,1,1\n",
            text.ToString());
    }

    [Fact]
    public void ConsensusCsvWriter_WriteFile_ReplacesAtomicallyAndLeavesNoTempFile()
    {
        var folder = Directory.CreateTempSubdirectory("quake-csv-");
        try
        {
            var path = Path.Combine(folder.FullName, "out.csv");
            File.WriteAllText(path, "old");
            var result = new MajorityVoteAggregator().Aggregate(VoteSet.Create([new("s", "a", "Noise")]), null);

            ConsensusCsvWriter.WriteFile(path, result);

            Assert.StartsWith("subject_id,label", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
