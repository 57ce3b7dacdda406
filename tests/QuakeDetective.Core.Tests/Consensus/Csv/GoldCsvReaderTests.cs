using QuakeDetective.Core.Consensus.Csv;

namespace QuakeDetective.Core.Tests.Consensus.Csv;

public class GoldCsvReaderTests
{
    [Fact]
    public void Read_LabelsAndConflicts()
    {
        var result = GoldCsvReader.Read(new StringReader("label,subject_id\nNoise,s1\nTremor,s2\nNoise,s1\nEarthquake,s1\n,s3\n"));

        Assert.Equal(2, result.Gold.Count);
        Assert.True(result.Gold.TryGetLabel("s1", out var s1));
        Assert.Equal("Noise", s1);
        Assert.Equal(1, result.DuplicateCount);
        Assert.Equal([5, 6], result.Problems.Select(p => p.Line));
        Assert.Contains("already has gold label 'Noise' (line 2)", result.Problems[0].Message);
        Assert.Contains("'label' is empty", result.Problems[1].Message);
    }
}
