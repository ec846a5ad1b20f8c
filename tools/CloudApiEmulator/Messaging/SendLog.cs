namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>
/// Accepted sends and counts for tests and benchmarks. PesanAI puts its own message id in
/// <c>biz_opaque_callback_data</c>, so a value accepted twice is a double send: that is <c>duplicates</c>.
/// </summary>
internal sealed class SendLog
{
    private readonly Lock _lock = new();
    private readonly List<AcceptedSend> _accepted = [];
    private readonly List<ReadReceipt> _reads = [];
    private readonly HashSet<string> _callbackData = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _faults = new(StringComparer.Ordinal);
    private long _duplicates;

    public void Accept(AcceptedSend send)
    {
        lock (_lock)
        {
            _accepted.Add(send);
            if (!string.IsNullOrEmpty(send.BizOpaqueCallbackData) && !_callbackData.Add(send.BizOpaqueCallbackData))
            {
                _duplicates++;
            }
        }
    }

    /// <summary>A read receipt the business sent (with or without the typing indicator).</summary>
    public void Read(ReadReceipt receipt)
    {
        lock (_lock)
        {
            _reads.Add(receipt);
        }
    }

    public IReadOnlyList<ReadReceipt> Reads(string? phoneNumberId)
    {
        lock (_lock)
        {
            return [.. _reads.Where(r => phoneNumberId is null || r.PhoneNumberId == phoneNumberId)];
        }
    }

    public void Reject(int code) => Count(_rejected, code.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Fault(string kind) => Count(_faults, kind);

    public IReadOnlyList<AcceptedSend> Find(string? phoneNumberId, string? to)
    {
        lock (_lock)
        {
            return [.. _accepted.Where(s => (phoneNumberId is null || s.PhoneNumberId == phoneNumberId) && (to is null || s.To == to))];
        }
    }

    public Stats Snapshot()
    {
        lock (_lock)
        {
            return new Stats(_accepted.Count, new Dictionary<string, long>(_rejected), _duplicates, new Dictionary<string, long>(_faults));
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _accepted.Clear();
            _reads.Clear();
            _callbackData.Clear();
            _rejected.Clear();
            _faults.Clear();
            _duplicates = 0;
        }
    }

    private void Count(SortedDictionary<string, long> counts, string key)
    {
        lock (_lock)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>Rejections keyed by Meta's error code; injected faults by kind (error_5xx, drop_connection, timeout_after_accept).</summary>
    public sealed record Stats(int Accepted, IReadOnlyDictionary<string, long> Rejected, long Duplicates, IReadOnlyDictionary<string, long> Faults);
}

/// <summary>A read receipt for an inbound message; <see cref="Typing"/>: it carried the typing indicator.</summary>
public sealed record ReadReceipt(string PhoneNumberId, string Wamid, bool Typing, DateTimeOffset At);
