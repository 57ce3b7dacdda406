using System.Text;
using QuakeDetective.Core.Consensus.Csv;

namespace QuakeDetective.Core.Tests.Consensus.Csv;

public class VoteCsvReaderTests
{
    private static VoteCsvReadResult Read(string text) => VoteCsvReader.Read(new StringReader(text));

    [Fact]
    public void Read_AnyColumnOrderExtraColumnsBomAndCrLf()
    {
        var result = Read("\uFEFFlabel,created_at,Volunteer_ID,subject_id\r\nNoise,2020-01-01,v1,s1\r\n Tremor ,x,v2,s1\r\n");

        Assert.True(result.HeaderValid);
        Assert.Empty(result.Problems);
        Assert.Equal([new("s1", "v1", "Noise"), new("s1", "v2", "Tremor")], result.Votes);
    }

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndLineBreaks()
    {
        var result = Read("subject_id,volunteer_id,label\n\"s,1\",\"v \"\"x\"\"\",\"None of\nthe above\"\ns2,v2,Noise\n");

        Assert.Empty(result.Problems);
        Assert.Equal(new("s,1", "v \"x\"", "None of\nthe above"), result.Votes[0]);
        Assert.Equal(new("s2", "v2", "Noise"), result.Votes[1]);
    }

    [Fact]
    public void Read_BadRows_ReportedWithLineNumbersAndSkipped()
    {
        var text = string.Join('\n',
            "subject_id,volunteer_id,label", // 1
            "s1,v1,Noise", // 2
            "s2,v1", // 3 wrong column count
            "s3,,Noise", // 4 missing volunteer
            "s4,v1,  ", // 5 empty label
            "", // 6 blank: skipped silently
            "s5,v1,Tremor,extra", // 7 wrong column count
            "s6,v\"1,Noise", // 8 stray quote
            "s7,v1,Earthquake"); // 9

        var result = Read(text);

        Assert.Equal(["s1", "s7"], result.Votes.Select(v => v.SubjectId));
        Assert.Equal([3, 4, 5, 7, 8], result.Problems.Select(p => p.Line));
        Assert.Contains("wrong column count: 2 fields, the header has 3", result.Problems[0].Message);
        Assert.Contains("'volunteer_id' is empty", result.Problems[1].Message);
        Assert.Contains("'label' is empty", result.Problems[2].Message);
        Assert.Contains("wrong column count: 4 fields", result.Problems[3].Message);
        Assert.Contains("quote inside an unquoted field", result.Problems[4].Message);
        Assert.Equal("line 3: wrong column count: 2 fields, the header has 3", result.Problems[0].ToString());
    }

    [Fact]
    public void Read_UnterminatedQuote_ReportsItsLineAndResumesOnTheNextLine()
    {
        var result = Read("subject_id,volunteer_id,label\ns1,v1,\"Noise\ns2,v1,Tremor\ns3,v1,Noise\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("unterminated quote in field 3", problem.Message);
        Assert.Equal(["s2", "s3"], result.Votes.Select(v => v.SubjectId));
    }

    [Fact]
    public void Read_HugeField_ReportedNotLoaded()
    {
        var huge = new string('x', (64 * 1024) + 1);
        var result = Read($"subject_id,volunteer_id,label\ns1,v1,{huge}\ns2,v1,Noise\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("longer than 65536 characters", problem.Message);
        Assert.Equal(["s2"], result.Votes.Select(v => v.SubjectId));
    }

    [Fact]
    public void Read_DuplicateSubjectVolunteer_KeepsFirstAndCounts()
    {
        var result = Read("subject_id,volunteer_id,label\ns1,v1,Noise\ns1,v1,Tremor\ns1,v2,Tremor\ns1,v1,Noise\n");

        Assert.Equal(2, result.DuplicateCount);
        Assert.Equal(["Noise", "Tremor"], result.Votes.Select(v => v.Label));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("subject,volunteer,answer\ns,v,Noise\n", "lacks columns 'subject_id', 'volunteer_id', 'label'")]
    [InlineData("subject_id,label\ns,Noise\n", "lacks column 'volunteer_id'")]
    [InlineData("subject_id,volunteer_id,label,LABEL\n", "has column 'label' twice")]
    public void Read_UnusableHeader_OneProblemNoVotes(string text, string expected)
    {
        var result = Read(text);

        Assert.False(result.HeaderValid);
        Assert.Empty(result.Votes);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void ReadFile_Utf8WithBom()
    {
        var path = Path.Combine(Path.GetTempPath(), $"votes-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "subject_id,volunteer_id,label\nsé,v1,Noise\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            var result = VoteCsvReader.ReadFile(path);

            Assert.Equal("sé", Assert.Single(result.Votes).SubjectId);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
