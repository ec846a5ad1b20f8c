using System.Diagnostics;

namespace PesanAI.TestBed;

/// <summary>
/// Stops the cluster and deletes its folder once this process is gone, however it ends. The test
/// host is often killed right after its last test, before exit handlers finish, so the cleanup runs
/// in a detached shell that waits for end-of-file on a pipe only this process holds open.
/// </summary>
internal static class ClusterWatchdog
{
    private const string Script = """
        exec >/dev/null 2>&1
        root=$1; shift
        cat >/dev/null
        "$@"
        rm -rf "$root"
        """;

    // Holds the pipe's write end (and so the watchdog's wait) for the life of the process.
    private static readonly List<Process> Watchdogs = [];

    public static void Start(string root, IReadOnlyList<string> stopCommand)
    {
        // setsid: its own session, so Ctrl-C or a kill of the test process group does not reach it.
        var setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
        var startInfo = new ProcessStartInfo(setsid ?? "bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            WorkingDirectory = "/",
        };
        string[] arguments = [.. setsid is null ? [] : new[] { "bash" }, "-c", Script, "pesanai-test-pg-watchdog", root, .. stopCommand];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var watchdog = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the cluster watchdog.");
        lock (Watchdogs)
        {
            Watchdogs.Add(watchdog);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            watchdog.StandardInput.Close();
            watchdog.WaitForExit(TimeSpan.FromSeconds(30));
        };
    }
}
