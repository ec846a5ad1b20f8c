namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// What could not be used, as "path: reason". Bounded, since a hostile or broken body could hold a problem
/// per byte; reasons never quote values (they may hold phone numbers or message text).
/// </summary>
internal sealed class ParseProblems
{
    public const int Max = 100;

    private readonly List<string> _items = [];
    private int _dropped;

    public void Add(string path, string reason)
    {
        if (_items.Count < Max)
        {
            _items.Add($"{path}: {reason}");
        }
        else
        {
            _dropped++;
        }
    }

    public IReadOnlyList<string> ToList() => _dropped == 0 ? _items.ToArray() : [.. _items, $"... and {_dropped} more"];
}
