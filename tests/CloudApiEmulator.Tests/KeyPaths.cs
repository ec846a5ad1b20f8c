using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>A payload's shape as the set of its key paths (<c>entry[].changes[].value.messages[].text.body</c>), to compare with the fixtures.</summary>
internal static class KeyPaths
{
    public static SortedSet<string> Of(JsonElement element)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Collect(element, "", paths);
        return paths;
    }

    public static SortedSet<string> OfFixture(string name) =>
        Of(JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json"))).RootElement);

    private static void Collect(JsonElement element, string prefix, SortedSet<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var path = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
                    paths.Add(path);
                    Collect(property.Value, path, paths);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, prefix + "[]", paths);
                }

                break;
        }
    }
}
