namespace PesanAI.CloudApiEmulator.Media;

/// <summary>Small helpers the media endpoints share.</summary>
internal static class MediaHttp
{
    /// <summary>False when the client went away during the pause.</summary>
    public static async Task<bool> PauseAsync(int milliseconds, CancellationToken aborted)
    {
        try
        {
            if (milliseconds > 0)
            {
                await Task.Delay(milliseconds, aborted);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The emulator's own address as the client reached it: download URLs point there.</summary>
    public static Uri Host(HttpRequest request) => new($"{request.Scheme}://{request.Host}");
}
