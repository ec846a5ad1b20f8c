using PesanAI.Application.Common;

namespace PesanAI.Application.Audit;

/// <summary>The audit's time filters: start inclusive, end exclusive.</summary>
internal static class AuditPeriod
{
    public static IEnumerable<FieldViolation> Check(DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is { } from && end is { } to && to <= from)
        {
            yield return new FieldViolation("end_time", "must be after start_time");
        }
    }
}
