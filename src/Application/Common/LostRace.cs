namespace PesanAI.Application.Common;

/// <summary>
/// The one answer to "did this write lose a race to another writer?": a stream version, a new stream, a document or
/// a key row that another transaction committed first. Nothing of the loser was committed, so deciding again on a
/// fresh read is safe. The store's error codes are read behind the port (<see cref="IStoreFailureClassifier"/>).
/// </summary>
public static class LostRace
{
    /// <summary>Whether <paramref name="exception"/> is a lost race (<see cref="IStoreFailureClassifier.IsLostRace"/>).</summary>
    public static bool Is(Exception exception) => StoreFailureClassifier.Installed.IsLostRace(exception);

    /// <summary>
    /// Runs <paramref name="attempt"/> (numbered from 1, each on fresh reads) until it does not lose a race, at most
    /// <paramref name="attempts"/> times. The last lost race is thrown as it is, or as <paramref name="exhausted"/> makes it.
    /// </summary>
    public static async Task<T> RetryAsync<T>(int attempts, Func<int, Task<T>> attempt, Func<Exception, Exception>? exhausted = null)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt(n);
            }
            catch (Exception ex) when (Is(ex) && (n < attempts || exhausted is not null))
            {
                if (n >= attempts)
                {
                    throw exhausted!(ex);
                }
            }
        }
    }

    /// <inheritdoc cref="RetryAsync{T}(int, Func{int, Task{T}}, Func{Exception, Exception})"/>
    public static Task RetryAsync(int attempts, Func<int, Task> attempt, Func<Exception, Exception>? exhausted = null)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return RetryAsync(
            attempts,
            async n =>
            {
                await attempt(n);
                return true;
            },
            exhausted);
    }
}
