namespace PesanAI.Bench;

/// <summary>The benchmark's output: plain lines on standard output, ready to paste.</summary>
internal static class Out
{
    public static void Line(string line) => Console.WriteLine(line);

    public static void Lines(IEnumerable<string> lines, string indent = "")
    {
        foreach (var line in lines)
        {
            Line(indent + line);
        }
    }
}
