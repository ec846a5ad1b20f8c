using PesanAI.Application.Common;

namespace PesanAI.Application.Inbound;

/// <summary>
/// Tells a failure that a retry may fix (the store is unavailable: Meta should redeliver) from one it never will (this
/// content is refused: park it, acknowledge the rest). The store's error codes are read behind the port
/// (<see cref="IStoreFailureClassifier"/>).
/// </summary>
public static class StoreFailures
{
    /// <summary>
    /// Whether a redelivery may succeed: the failure is transient, or a race lost to other deliveries (a key, link or
    /// stream the other one committed first: the next attempt finds them).
    /// </summary>
    public static bool IsRetryable(Exception exception) => IsTransient(exception) || LostRace.Is(exception);

    /// <inheritdoc cref="IStoreFailureClassifier.IsTransient"/>
    public static bool IsTransient(Exception exception) => StoreFailureClassifier.Installed.IsTransient(exception);

    /// <inheritdoc cref="IStoreFailureClassifier.Reason"/>
    public static string Reason(Exception exception) => StoreFailureClassifier.Installed.Reason(exception);
}
