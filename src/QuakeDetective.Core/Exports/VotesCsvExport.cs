using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QuakeDetective.Core.Consensus.Csv;
using QuakeDetective.Core.Consensus.Store;
using QuakeDetective.Core.Data;
using QuakeDetective.Core.Domain;

namespace QuakeDetective.Core.Exports;

/// <summary>
/// Every vote of a campaign in the column layout of Zooniverse's classification export, so that scripts written
/// for it (panoptes_aggregation's question extractor, pandas notebooks) run unchanged: classification_id,
/// user_name, user_id, user_ip, workflow_id, workflow_name, workflow_version, created_at, gold_standard, expert,
/// metadata, annotations, subject_data, subject_ids. The campaign plays the workflow (id, name, version "1.0"),
/// the answer is a single-question task "T0" whose value is the answer's text, and the JSON columns are written as
/// Zooniverse writes them. Signed-in volunteers appear as a per-export pseudonym and number, anonymous ones as
/// "not-logged-in-&lt;hash&gt;" without a user_id; user_ip is always empty (no IP is stored).
/// </summary>
public static class VotesCsvExport
{
    public const string WorkflowVersion = "1.0";

    public const string TaskId = "T0";

    public const string TaskLabel = "What do you see and hear in this seismogram?";

    public static IReadOnlyList<string> Columns { get; } =
    [
        "classification_id", "user_name", "user_id", "user_ip", "workflow_id", "workflow_name", "workflow_version", "created_at",
        "gold_standard", "expert", "metadata", "annotations", "subject_data", "subject_ids",
    ];

    public static async Task<long> WriteAsync(
        QuakeDbContext db,
        int campaignId,
        ExportPseudonyms pseudonyms,
        TextWriter target,
        IProgress<ExportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => new { c.Id, c.Name }).FirstAsync(cancellationToken);
        var experts = (await ExpertVolunteers.Ids(db).ToListAsync(cancellationToken)).ToHashSet();
        var total = await db.Classifications.CountAsync(c => c.Subject!.CampaignId == campaignId, cancellationToken);
        var workflowId = campaign.Id.ToString(CultureInfo.InvariantCulture);

        var votes =
            from c in db.Classifications.AsNoTracking()
            join s in db.Subjects on c.SubjectId equals s.Id
            join v in db.Volunteers on c.VolunteerId equals v.Id
            join g in db.GoldLabels on c.SubjectId equals g.SubjectId into gs
            from g in gs.DefaultIfEmpty()
            where s.CampaignId == campaignId
            orderby c.Id
            select new
            {
                c.Id,
                c.SubjectId,
                c.VolunteerId,
                SignedIn = v.UserId != null,
                c.Answer,
                c.StartedAt,
                c.FinishedAt,
                c.DurationMs,
                s.Station,
                s.Channels,
                s.WindowStart,
                s.WindowEnd,
                s.Status,
                s.RetirementReason,
                s.RetiredAt,
                s.VoteCount,
                Gold = g != null,
            };

        await using var output = new ChunkedTextOutput(target);
        var csv = new CsvWriter(output.Writer);
        csv.Record([.. Columns]);
        var buffer = new ArrayBufferWriter<byte>(1024);
        var count = 0L;
        await foreach (var vote in votes.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var subjectId = vote.SubjectId.ToString(CultureInfo.InvariantCulture);
            csv.Integer(vote.Id);
            if (vote.SignedIn)
            {
                csv.Text(pseudonyms.NameOf(vote.VolunteerId)).Text(pseudonyms.NumberText(vote.VolunteerId));
            }
            else
            {
                csv.Text("not-logged-in-" + pseudonyms.HashOf(vote.VolunteerId)).Text(null);
            }

            csv.Text(null)
                .Text(workflowId)
                .Text(campaign.Name)
                .Text(WorkflowVersion)
                .Text(ExportText.ZooniverseTime(vote.FinishedAt))
                .Text(vote.Gold ? "true" : null)
                .Text(experts.Contains(vote.VolunteerId) ? "true" : null);

            csv.Text(Json(buffer, json =>
            {
                json.WriteStartObject();
                json.WriteString("source", "api");
                json.WriteString("session", pseudonyms.HashOf(vote.VolunteerId));
                json.WriteString("started_at", ExportText.Utc(vote.StartedAt ?? vote.FinishedAt));
                json.WriteString("finished_at", ExportText.Utc(vote.FinishedAt));
                json.WriteString("user_agent", "QuakeDetective");
                json.WriteString("utc_offset", "0");
                json.WriteString("user_language", "en");
                json.WriteBoolean("live_project", true);
                json.WriteString("workflow_version", WorkflowVersion);
                if (vote.DurationMs is { } ms)
                {
                    json.WriteNumber("duration_ms", ms);
                }

                json.WriteStartObject("subject_selection_state");
                json.WriteBoolean("retired", false);
                json.WriteBoolean("already_seen", false);
                json.WriteString("selection_state", "normal");
                json.WriteBoolean("finished_workflow", false);
                json.WriteBoolean("user_has_finished_workflow", false);
                json.WriteEndObject();
                json.WriteEndObject();
            }));

            csv.Text(Json(buffer, json =>
            {
                json.WriteStartArray();
                json.WriteStartObject();
                json.WriteString("task", TaskId);
                json.WriteString("task_label", TaskLabel);
                json.WriteString("value", vote.Answer);
                json.WriteEndObject();
                json.WriteEndArray();
            }));

            csv.Text(Json(buffer, json =>
            {
                json.WriteStartObject();
                json.WriteStartObject(subjectId);
                if (vote.Status == SubjectStatus.Retired)
                {
                    json.WriteStartObject("retired");
                    json.WriteNumber("id", vote.SubjectId);
                    json.WriteNumber("workflow_id", campaign.Id);
                    json.WriteNumber("subject_id", vote.SubjectId);
                    json.WriteNumber("classifications_count", vote.VoteCount);
                    json.WriteString("retired_at", ExportText.Utc(vote.RetiredAt ?? vote.FinishedAt));
                    json.WriteString("retirement_reason", ZooniverseReason(vote.RetirementReason));
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("retired");
                }

                json.WriteString("station", vote.Station);
                json.WriteString("channels", vote.Channels);
                json.WriteString("window_start", ExportText.Utc(vote.WindowStart));
                json.WriteString("window_end", ExportText.Utc(vote.WindowEnd));
                json.WriteEndObject();
                json.WriteEndObject();
            }));

            csv.Text(subjectId);
            csv.EndRecord();
            if ((++count & 0x3FF) == 0)
            {
                progress?.Report(new ExportProgress("writing votes", count, total));
            }

            await output.MaybeFlushAsync(cancellationToken);
        }

        progress?.Report(new ExportProgress("writing votes", count, total));
        return count;
    }

    /// <summary>Zooniverse's retirement reasons: classification_count, consensus, human.</summary>
    public static string ZooniverseReason(RetirementReason? reason) => reason switch
    {
        RetirementReason.EarlyConsensus => "consensus",
        RetirementReason.ByHand => "human",
        _ => "classification_count",
    };

    private static string Json(ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> write)
    {
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
