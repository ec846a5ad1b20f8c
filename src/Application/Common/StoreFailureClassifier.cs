namespace PesanAI.Application.Common;

/// <summary>
/// The store's <see cref="IStoreFailureClassifier"/>, installed once at start-up by Infrastructure (which Application
/// cannot reference). Ambient rather than injected: it is asked in exception filters of static helpers
/// (<see cref="LostRace"/>, <see cref="StreamWrite"/>, the ingest's StoreFailures) and of the host, where
/// threading an instance through every call would change dozens of signatures for one process-wide answer.
/// </summary>
public static class StoreFailureClassifier
{
    private static IStoreFailureClassifier? _installed;

    /// <summary>The installed classifier; fails loudly when start-up did not install one.</summary>
    public static IStoreFailureClassifier Installed =>
        Volatile.Read(ref _installed)
        ?? throw new InvalidOperationException("No store failure classifier is installed: AddInfrastructure installs it at start-up.");

    /// <summary>Installs <paramref name="classifier"/>; installing the same kind again is harmless, another kind is refused.</summary>
    public static void Install(IStoreFailureClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        var installed = Interlocked.CompareExchange(ref _installed, classifier, null);
        if (installed is not null && installed.GetType() != classifier.GetType())
        {
            throw new InvalidOperationException($"{installed.GetType().Name} is installed already; one process has one store.");
        }
    }
}
