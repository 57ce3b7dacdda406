extern alias quake;

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using quake::QuakeDetective.Cli;
using QuakeDetective.Core.Campaigns;
using QuakeDetective.Core.Domain;
using QuakeDetective.Seismic.Windowing;
using QuakeDetective.Web.Components.Pages.Admin.Campaigns;
using Xunit.Abstractions;

namespace QuakeDetective.Web.Tests.BadInput;

/// <summary>
/// Bad input everywhere, in one place: the hostile CSV catalogue (<see cref="HostileCsv"/>) fed to `quake aggregate`,
/// the gold-label API and the events import (form and reader), oversized uploads, and invalid campaign settings through
/// the editor's service and page. Each case must get a message that says what and where (file, line, field, byte
/// offset), store nothing (row counts unchanged) and leave the site answering /health.
/// </summary>
public sealed class BadInputCatalogueTests : IClassFixture<BadInputSite>, IDisposable
{
    private readonly BadInputSite _site;
    private readonly ITestOutputHelper _output;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("quake-bad-input-");

    public BadInputCatalogueTests(BadInputSite site, ITestOutputHelper output)
    {
        _site = site;
        _output = output;
    }

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Aggregate_HostileVotesCsv_EveryCaseNamedAndRefusedFilesWriteNothing()
    {
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        foreach (var bad in HostileCsv.For(CsvTarget.Votes))
        {
            var votes = Path.Combine(_folder.FullName, "votes.csv");
            var output = Path.Combine(_folder.FullName, "out.csv");
            File.Delete(output);
            await File.WriteAllBytesAsync(votes, bad.Bytes);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var code = await QuakeCli.RunAsync(["aggregate", "--votes", votes, "--out", output], stdout, stderr);

            var errors = stderr.ToString();
            var where = bad.Line is int line ? $"votes.csv line {line}: " : "votes.csv";
            var outcome = bad.Accepted ? "accepted, escaped on output" : bad.UsableRows ? "bad row reported, good rows aggregated" : "refused, no output written";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (bad.Accepted)
            {
                var written = code == 0 ? await File.ReadAllLinesAsync(output) : [];
                Check(failures, bad, code == 0, $"exit {code}: {errors}");
                Check(failures, bad, written.Any(l => l.StartsWith(bad.Fragment, StringComparison.Ordinal)), "formula subject not escaped in the output");
                Check(failures, bad, written.Skip(1).All(l => l[0] is not ('=' or '+' or '-' or '@')), "an output line starts with a formula character");
                continue;
            }

            Check(failures, bad, errors.Contains(where + (bad.ByteOffset is long offset ? $"byte offset {offset}: " : ""), StringComparison.Ordinal), $"message does not say where ({where}): {Cut(errors)}");
            Check(failures, bad, errors.Contains(bad.Fragment, StringComparison.Ordinal), $"message lacks '{bad.Fragment}': {Cut(errors)}");
            Check(failures, bad, !errors.Contains("   at ", StringComparison.Ordinal), "stack trace on stderr");
            if (bad.UsableRows)
            {
                Check(failures, bad, code == 0 && File.Exists(output), $"good rows not aggregated (exit {code})");
            }
            else
            {
                Check(failures, bad, code == 1 && !File.Exists(output), $"exit {code}, output written: {File.Exists(output)}");
                Check(failures, bad, errors.Trim().Split('\n').Length == 1, $"not one line: {Cut(errors)}");
            }
        }

        Report("quake aggregate --votes", outcomes, failures);
    }

    [Fact]
    public async Task GoldApi_HostileCsv_400NamingLineAndNothingStored()
    {
        var failures = new List<string>();
        var before = await _site.RowCountsAsync();
        var cases = HostileCsv.For(CsvTarget.Gold, _site.SubjectId);
        foreach (var bad in cases)
        {
            using var body = new ByteArrayContent(bad.Bytes);
            body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

            using var response = await _site.Admin.PostAsync($"/api/campaigns/{_site.CampaignId}/gold", body);

            var text = await response.Content.ReadAsStringAsync();
            Check(failures, bad, response.StatusCode == HttpStatusCode.BadRequest, $"status {(int)response.StatusCode}: {Cut(text)}");
            var errors = response.StatusCode == HttpStatusCode.BadRequest
                ? JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateArray()
                    .Select(e => (Line: e.GetProperty("line").GetInt32(), Message: e.GetProperty("message").GetString()!)).ToList()
                : [];
            Check(failures, bad, errors.Any(e => e.Line == bad.Line && e.Message.Contains(bad.Fragment, StringComparison.Ordinal)
                                                 && (bad.ByteOffset is not long offset || e.Message.Contains($"byte offset {offset}:", StringComparison.Ordinal))),
                $"no error on line {bad.Line} with '{bad.Fragment}'{(bad.ByteOffset is long o ? $" at byte offset {o}" : "")}: {Cut(text)}");
            Check(failures, bad, text.Length < 64 * 1024, $"answer of {text.Length} characters");
            Check(failures, bad, await _site.RowCountsAsync() == before, "rows changed");
            await _site.AssertHealthyAsync($"gold case {bad.Name}");
        }

        // 100,000 rows that each name an unknown subject: every one is a problem, but the answer lists 1,000 and a count.
        using var unknown = new ByteArrayContent(Encoding.UTF8.GetBytes("subject_id,label\n" + string.Concat(Enumerable.Range(0, HostileCsv.ManyLines).Select(i => $"{1_000_000_000 + i},Noise\n"))));
        unknown.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var many = await _site.Admin.PostAsync($"/api/campaigns/{_site.CampaignId}/gold", unknown);
        var manyErrors = JsonDocument.Parse(await many.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal(Core.Gold.GoldService.MaxListedProblems + 1, manyErrors.Count);
        Assert.Equal("subject 1000000000 is not a subject of this campaign", manyErrors[0].GetProperty("message").GetString());
        Assert.Contains("99000 more problems (100000 in all)", manyErrors[^1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await _site.RowCountsAsync());

        Report("POST /api/campaigns/{id}/gold", new Dictionary<string, int> { ["400 naming the line, nothing stored"] = cases.Count + 1 - failures.Count }, failures);
    }

    [Fact]
    public async Task EventsImport_HostileCsv_RefusedNamingFileAndLineAndNothingQueued()
    {
        var failures = new List<string>();
        var cases = HostileCsv.For(CsvTarget.Events);
        var before = await _site.RowCountsAsync();
        var http = 0;
        foreach (var bad in cases)
        {
            // The reader, as `quake import --events` and the import worker use it.
            var path = Path.Combine(_folder.FullName, "events.csv");
            await File.WriteAllBytesAsync(path, bad.Bytes);
            var read = EventCsvReader.ReadFile(path);
            var where = $"events.csv line {bad.Line}: " + (bad.ByteOffset is long offset ? $"byte offset {offset}: " : "");
            Check(failures, bad, read.Errors.Any(e => e.ToString().StartsWith(where, StringComparison.Ordinal) && e.Message.Contains(bad.Fragment, StringComparison.Ordinal)),
                $"reader: no '{where}…{bad.Fragment}': {Cut(read.DescribeErrors(3))}");

            // An empty upload counts as "no events file" on the form (the import then cuts fixed windows), so it is not posted.
            if (bad.Bytes.Length == 0)
            {
                continue;
            }

            http++;
            var name = $"events-{http}.csv";
            using var form = await ImportFormAsync(new ByteArrayContent(new byte[512]), "waveform.mseed", new ByteArrayContent(bad.Bytes), name);
            using var response = await PostImportAsync(form);

            var text = await response.Content.ReadAsStringAsync();
            var detail = response.StatusCode == HttpStatusCode.BadRequest ? JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString() ?? "" : "";
            Check(failures, bad, response.StatusCode == HttpStatusCode.BadRequest, $"form: status {(int)response.StatusCode}: {Cut(text)}");
            Check(failures, bad, detail.Contains(where.Replace("events.csv", name, StringComparison.Ordinal), StringComparison.Ordinal) && detail.Contains(bad.Fragment, StringComparison.Ordinal),
                $"form: detail lacks '{name} line {bad.Line}' or '{bad.Fragment}': {Cut(detail)}");
            Check(failures, bad, await _site.RowCountsAsync() == before, "rows changed (a job was queued?)");
            await _site.AssertHealthyAsync($"events case {bad.Name}");
        }

        Report("events CSV (reader + import form)", new Dictionary<string, int>
        {
            ["reader: refused naming file and line"] = cases.Count,
            ["import form: 400 naming file and line, no job"] = http,
        }, failures);
    }

    [Fact]
    public async Task Uploads_Oversized_RefusedWithMessageNothingStoredSiteServing()
    {
        var before = await _site.RowCountsAsync();

        // Gold API: 20 MiB at most.
        var big = Encoding.UTF8.GetBytes("subject_id,label\n" + string.Concat(Enumerable.Repeat($"{_site.SubjectId},Noise\n", (21 << 20) / 8)));
        using var goldBody = new ByteArrayContent(big);
        goldBody.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var gold = await _site.Admin.PostAsync($"/api/campaigns/{_site.CampaignId}/gold", goldBody);
        var goldText = await gold.Content.ReadAsStringAsync();

        // Import form: waveforms over the 1 MiB limit, and an events CSV over its 12 MiB limit.
        using var waveForm = await ImportFormAsync(new ByteArrayContent(new byte[(int)BadInputSite.MaxUploadBytes + 1]), "big.mseed", null, null);
        using var waves = await PostImportAsync(waveForm);
        var wavesText = await waves.Content.ReadAsStringAsync();
        using var eventsForm = await ImportFormAsync(new ByteArrayContent(new byte[512]), "small.mseed", new ByteArrayContent(new byte[BadInputSite.MaxCsvBytes + 1]), "events.csv");
        using var events = await PostImportAsync(eventsForm);
        var eventsText = await events.Content.ReadAsStringAsync();

        _output.WriteLine($"gold 21 MiB: {(int)gold.StatusCode} {goldText}");
        _output.WriteLine($"waveforms 1 MiB + 1: {(int)waves.StatusCode} {wavesText}");
        _output.WriteLine($"events 12 MiB + 1: {(int)events.StatusCode} {eventsText}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, gold.StatusCode);
        Assert.Contains("larger than 20 MB", goldText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, waves.StatusCode); // the import form answers 400 with the reason (not 413)
        Assert.Contains("more than the 1 MB allowed in one upload", wavesText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, events.StatusCode);
        Assert.Contains("The events CSV is 12 MB, more than the 12 MB allowed", eventsText, StringComparison.Ordinal);
        Assert.Equal(before, await _site.RowCountsAsync());
        await _site.AssertHealthyAsync("oversized uploads");
    }

    [Fact]
    public async Task CampaignSettings_Invalid_ServiceRefusesEachWithFieldAndStoresNothing()
    {
        var service = _site.Factory.GetRequiredService<CampaignService>();
        var before = await _site.CampaignSnapshotAsync();
        var rows = await _site.RowCountsAsync();
        var current = (await service.GetSettingsAsync(_site.CampaignId, CancellationToken.None))!;
        var facts = await service.ValidationContextAsync(_site.CampaignId, CancellationToken.None);
        var (labelled, goldCount) = facts.GoldPerLabel.OrderBy(g => g.Key, StringComparer.Ordinal).First(); // the demo campaign has gold labels
        var cases = new (string Name, Action<CampaignSettingsInput> Change, string Field, string Fragment)[]
        {
            ("speed-up 0", s => s.SpeedUp = 0, "SpeedUp", "must be a positive number (got 0)"),
            ("speed-up negative", s => s.SpeedUp = -400, "SpeedUp", "must be a positive number (got -400)"),
            ("speed-up NaN", s => s.SpeedUp = double.NaN, "SpeedUp", "got NaN"),
            ("data rate × speed-up unplayable", s => s.SpeedUp = 1, "SpeedUp", "give sound at 40 Hz"),
            ("speed-up absurd", s => s.SpeedUp = 1e12, "SpeedUp", "more than the 100000 allowed"),
            ("band-pass low ≥ high", s => (s.BandLowHz, s.BandHighHz) = (8, 8), "BandHighHz", "must be above the low corner (8 Hz)"),
            ("band-pass above Nyquist", s => s.BandHighHz = 30, "BandHighHz", "Nyquist 20 Hz"),
            ("band-pass low negative", s => s.BandLowHz = -1, "BandLowHz", "positive frequency"),
            ("no answer choices", s => s.AnswerChoices = [], "AnswerChoices", "no answer choices"),
            ("one answer choice", s => s.AnswerChoices = ["Earthquake"], "AnswerChoices", "only one answer choice"),
            ("blank choice", s => s.AnswerChoices = ["Earthquake", " ", "Tremor", "Noise", "None of the above"], "AnswerChoices", "Choice 2 is blank"),
            ("duplicate choice", s => s.AnswerChoices = [.. DefaultAnswers.All, "noise"], "AnswerChoices", "Choice 5 ('noise') repeats choice 3"),
            ("removing a choice that has gold labels", s => s.AnswerChoices = [.. DefaultAnswers.All.Where(a => a != labelled)], "AnswerChoices",
                $"'{labelled}' cannot be removed or renamed: it already has {goldCount} gold label"),
            ("retirement N 0", s => s.MaxVotes = 0, "MaxVotes", "at least 1 vote (got 0)"),
            ("threshold above 1", s => s.EarlyConsensusRules = "4-5:1.2", "EarlyConsensusRules", "at most 1"),
            ("threshold negative", s => s.EarlyConsensusRules = "4-5:-0.5", "EarlyConsensusRules", "above 0"),
            ("thresholds unreadable", s => s.EarlyConsensusRules = "four-five:all", "EarlyConsensusRules", "rule 1 'four-five:all'"),
            ("gold rate above 1", s => s.GoldRateNewcomer = 2, "GoldRateNewcomer", "between 0 and 1"),
            ("gold rate negative", s => s.GoldRateExperienced = -0.1, "GoldRateExperienced", "between 0 and 1"),
            ("random share above 1", s => s.RandomShare = 1.01, "RandomShare", "between 0 and 1"),
            ("fixed amplitude limit not positive", s => s.FixedAmplitudeLimit = 0, "FixedAmplitudeLimit", "positive number of counts"),
            ("name empty", s => s.Name = "   ", "Name", "Give the campaign a name"),
            ("name too long", s => s.Name = new string('n', 201), "Name", "201 characters long; at most 200"),
            ("unknown consensus method", s => s.PrimaryConsensusMethod = "median", "PrimaryConsensusMethod", "Unknown consensus method 'median'"),
        };
        var failures = new List<string>();
        foreach (var (name, change, field, fragment) in cases)
        {
            var input = CampaignForm.From(current).ToInput().Input; // a fresh copy of the stored settings
            change(input);

            var result = await service.UpdateAsync(_site.CampaignId, input, "bad-input-test", CancellationToken.None);

            if (result.Saved || !result.Errors.Any(e => e.Field == field && e.Message.Contains(fragment, StringComparison.Ordinal)))
            {
                failures.Add($"{name}: saved {result.Saved}, errors: {string.Join(" | ", result.Errors)}");
            }
        }

        // Creating a campaign under the demo's name is refused too.
        var duplicate = await service.CreateAsync(new CampaignSettingsInput { Name = current.Name.ToUpperInvariant() }, "bad-input-test", CancellationToken.None);
        if (duplicate.Saved || duplicate.Errors.Single().Field != "Name")
        {
            failures.Add($"duplicate name: saved {duplicate.Saved}, errors: {string.Join(" | ", duplicate.Errors)}");
        }

        Report("campaign settings (service)", new Dictionary<string, int> { ["refused with the field named, nothing stored"] = cases.Length + 1 - failures.Count }, failures);
        Assert.Equal(before, await _site.CampaignSnapshotAsync());
        Assert.Equal(rows, await _site.RowCountsAsync());
        await _site.AssertHealthyAsync("invalid campaign settings");
    }

    [Fact]
    public async Task CampaignEditor_InvalidPost_400WithMessagesBesideFieldsAndNothingStored()
    {
        var before = await _site.CampaignSnapshotAsync();
        var page = $"/admin/campaigns/{_site.CampaignId}";
        var service = _site.Factory.GetRequiredService<CampaignService>();
        var form = CampaignForm.From((await service.GetSettingsAsync(_site.CampaignId, CancellationToken.None))!);
        form.SpeedUp = "0";
        form.AnswerChoicesText = "";
        form.GoldRateNewcomer = "abc";
        form.BandHighHz = "1e999";
        var fields = FormFields(form);
        fields["_handler"] = "campaign-settings";
        fields["__RequestVerificationToken"] = await _site.AntiforgeryTokenAsync(page);

        using var response = await _site.Admin.PostAsync(page, new FormUrlEncodedContent(fields));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        fields.Remove("__RequestVerificationToken");
        using var forged = await _site.Admin.PostAsync(page, new FormUrlEncodedContent(fields.Select(f => f.Key == "Form.SpeedUp" ? KeyValuePair.Create(f.Key, "800") : f)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nothing was saved.", html, StringComparison.Ordinal);
        Assert.Contains("The speed-up must be a positive number (got 0)", html, StringComparison.Ordinal);
        Assert.Contains("There are no answer choices", html, StringComparison.Ordinal);
        Assert.Contains("The newcomers' gold rate 'abc' is not a number", html, StringComparison.Ordinal);
        Assert.Contains("The band-pass high corner '1e999' is not a number", html, StringComparison.Ordinal);
        Assert.Matches("id=\"campaign-speed-up\"[^>]*aria-invalid=\"true\"|aria-invalid=\"true\"[^>]*id=\"campaign-speed-up\"", html);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // no antiforgery token: refused before the handler runs
        Assert.Equal(before, await _site.CampaignSnapshotAsync());
        await _site.AssertHealthyAsync("invalid campaign editor posts");
        _output.WriteLine("campaign editor page: 1 invalid post (4 bad fields) → 400 with each message; 1 post without antiforgery → 400; nothing stored");
    }

    private static Dictionary<string, string> FormFields(CampaignForm form)
    {
        var fields = new Dictionary<string, string>();
        foreach (var property in typeof(CampaignForm).GetProperties())
        {
            var value = property.GetValue(form);
            if (value is bool flag)
            {
                if (flag)
                {
                    fields["Form." + property.Name] = "true";
                }
            }
            else if (value is not null)
            {
                fields["Form." + property.Name] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }
        }

        return fields;
    }

    private async Task<MultipartFormDataContent> ImportFormAsync(HttpContent waveform, string waveformName, HttpContent? events, string? eventsName)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await _site.AntiforgeryTokenAsync("/admin/import")), "__RequestVerificationToken" },
            { new StringContent("upload"), "source" },
            { new StringContent("bad input campaign"), "campaign" },
            { waveform, "files", waveformName },
        };
        if (events is not null)
        {
            form.Add(events, "events", eventsName!);
        }

        return form;
    }

    private async Task<HttpResponseMessage> PostImportAsync(MultipartFormDataContent form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/import/jobs") { Content = form };
        request.Headers.Accept.ParseAdd("application/json");
        return await _site.Admin.SendAsync(request);
    }

    private static void Check(List<string> failures, HostileCsvCase bad, bool condition, string problem)
    {
        if (!condition)
        {
            failures.Add($"{bad.Name}: {problem}");
        }
    }

    private void Report(string target, Dictionary<string, int> outcomes, List<string> failures)
    {
        _output.WriteLine($"{target}: {string.Join("; ", outcomes.Select(o => $"{o.Value} {o.Key}"))}; {failures.Count} failed checks");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Cut(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
