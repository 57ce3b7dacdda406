namespace QuakeDetective.Web.Components.Pages.Results;

/// <summary>The colour class of an answer: the campaign's answer colours in button order, grey for anything else.</summary>
public static class AnswerStyle
{
    public static string ClassOf(IReadOnlyList<string> answers, string? label)
    {
        var index = label is null ? -1 : IndexOf(answers, label);
        return index is >= 0 and < 4 ? $"answer-fill-{index}" : "answer-fill-other";
    }

    private static int IndexOf(IReadOnlyList<string> answers, string label)
    {
        for (var i = 0; i < answers.Count; i++)
        {
            if (string.Equals(answers[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
