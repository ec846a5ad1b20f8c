namespace PesanAI.TestBed;

/// <summary>
/// initdb and postgres refuse to run as root: as root, PostgreSQL programs run as the
/// <c>postgres</c> user through runuser; otherwise as the current user.
/// </summary>
internal static class ServerUser
{
    private const string Name = "postgres";

    public static bool IsRoot => Environment.IsPrivilegedProcess;

    public static IReadOnlyList<string> Command(string program, params IEnumerable<string> arguments) =>
        IsRoot ? ["runuser", "-u", Name, "--", program, .. arguments] : [program, .. arguments];

    public static async Task<ProcessResult> RunAsync(TimeSpan timeout, string program, params IEnumerable<string> arguments)
    {
        var command = Command(program, arguments);
        var result = await ProcessRunner.RunAsync(command[0], command.Skip(1), timeout);
        if (IsRoot && result.ExitCode != 0 && result.Output.Contains("user " + Name + " does not exist", StringComparison.OrdinalIgnoreCase))
        {
            throw new PostgresUnavailableException(
                "Running as root, the local PostgreSQL cluster needs a 'postgres' user: `apt-get install postgresql` creates it.");
        }

        return result;
    }
}
