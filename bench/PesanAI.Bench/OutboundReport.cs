using System.Globalization;
using System.Text;

namespace PesanAI.Bench;

/// <summary>The outbound modes' results as Markdown (pasted as is into docs/benchmarks.md), and goals met or not.</summary>
internal static class OutboundReport
{
    public static string Calls(IEnumerable<CallResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | calls | seconds | calls/s | p50 ms | p99 ms | max ms | failed | cores: this process | cores: PostgreSQL | cores: other processes | DB round trips per call |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            text.AppendLine(Row(r.Name, N(r.Calls), F(r.Timings.Elapsed.TotalSeconds), N(r.PerSecond), F(r.Latency.P50), F(r.Latency.P99), F(r.Latency.Max),
                r.FailureText, F(r.Cpu.BenchProcess, "0.00"), F(r.Cpu.Postgres, "0.00"),
                F(Math.Max(0, r.Cpu.Machine - r.Cpu.BenchProcess - r.Cpu.Postgres), "0.00"), F((double)r.Database.Operations / r.Calls)));
        }

        return text.ToString();
    }

    public static string Goal(string goal, bool met, string measured) => $"- {goal}: {(met ? "met" : "NOT met")} ({measured})";

    public static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    public static string N(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
