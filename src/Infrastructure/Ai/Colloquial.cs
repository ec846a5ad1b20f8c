namespace PesanAI.Infrastructure.Ai;

/// <summary>
/// The standard forms a chat-Indonesian word may stand for. Customers write the Jakarta colloquial register:
/// <c>nge-</c>/<c>ny-</c>/<c>m-</c> for the <c>me-</c> prefix (<c>ngecek</c>, <c>nyari</c>, <c>mbayar</c>), <c>-in</c>
/// for <c>-kan</c>/<c>-i</c> (<c>bayarin</c>, <c>kirimin</c>), <c>e</c> for <c>a</c>/<c>ai</c> in the last syllable
/// (<c>bener</c>, <c>dateng</c>, <c>pake</c>, <c>sampe</c>), <c>o</c> for <c>au</c> (<c>kalo</c>), a dropped
/// <c>h</c> (<c>abis</c>, <c>liat</c>, <c>tau</c>) and stretched letters (<c>bangettt</c>).
/// </summary>
/// <remarks>
/// The rules over-generate on purpose (<c>mesin</c> yields <c>mes</c>): a variant is only used when the knowledge base
/// itself holds it (<see cref="KnowledgeIndex"/> checks), so a real word is never replaced by a made-up one.
/// </remarks>
public static class Colloquial
{
    private const string Vowels = "aeiou";

    /// <summary>Candidate standard forms of <paramref name="word"/> (lower case), most likely first; never the word itself.</summary>
    public static IReadOnlyList<string> Variants(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var variants = new List<string>();
        if (word.Length < 3 || !word.All(char.IsAsciiLetterLower))
        {
            return variants;
        }

        var squeezed = Squeeze(word);
        foreach (var root in Roots(squeezed))
        {
            Add(variants, root);
            foreach (var spelled in Spellings(root))
            {
                Add(variants, spelled);
            }
        }

        variants.Remove(word);
        return variants;
    }

    /// <summary>The word without its colloquial prefix and suffix, each combination (the word itself first).</summary>
    private static IEnumerable<string> Roots(string word)
    {
        foreach (var stem in Unprefixed(word))
        {
            yield return stem;
            foreach (var unsuffixed in Unsuffixed(stem))
            {
                yield return unsuffixed;
            }
        }
    }

    private static IEnumerable<string> Unprefixed(string word)
    {
        yield return word;
        if (word.StartsWith("nge", StringComparison.Ordinal) && word.Length >= 6)
        {
            yield return word[3..]; // ngecek -> cek, ngeprint -> print
        }

        if (word.StartsWith("ng", StringComparison.Ordinal) && word.Length >= 5 && Vowels.Contains(word[2], StringComparison.Ordinal))
        {
            yield return word[2..]; // ngantri -> antri
            yield return "k" + word[2..]; // ngirim -> kirim
        }

        if (word.StartsWith("ny", StringComparison.Ordinal) && word.Length >= 5 && Vowels.Contains(word[2], StringComparison.Ordinal))
        {
            yield return "c" + word[2..]; // nyuci -> cuci
            yield return "s" + word[2..]; // nyampe -> sampe
        }

        if (word.StartsWith('m') && word.Length >= 5 && word[1] is 'b' or 'p')
        {
            yield return word[1..]; // mbayar -> bayar
        }

        if (word.StartsWith("ke", StringComparison.Ordinal) && word.Length >= 6 && word.EndsWith("an", StringComparison.Ordinal))
        {
            yield return word[2..^2]; // kegedean -> gede
        }
    }

    private static IEnumerable<string> Unsuffixed(string word)
    {
        if (word.EndsWith("in", StringComparison.Ordinal) && word.Length >= 5)
        {
            var root = word[..^2];
            yield return root; // bayarin -> bayar
            yield return root + "kan"; // kirimin -> kirimkan
            yield return root + "i"; // temenin -> temeni
        }
    }

    /// <summary>Colloquial spellings of the last syllable and of a dropped h.</summary>
    private static IEnumerable<string> Spellings(string word)
    {
        if (word.Length < 3)
        {
            yield break;
        }

        if (word[^1] == 'e' && !Vowels.Contains(word[^2], StringComparison.Ordinal))
        {
            yield return word[..^1] + "ai"; // pake -> pakai, sampe -> sampai
            yield return word[..^1] + "a"; // kerje (rare) -> kerja
        }

        if (word[^1] == 'o' && !Vowels.Contains(word[^2], StringComparison.Ordinal))
        {
            yield return word[..^1] + "au"; // kalo -> kalau, pulo -> pulau
        }

        // The vowel of the last syllable: bener -> benar, dateng -> datang, anter -> antar.
        var last = word.LastIndexOf('e');
        if (last > 0 && last >= word.Length - 3 && last < word.Length - 1 && !Vowels.Contains(word[last - 1], StringComparison.Ordinal))
        {
            yield return word[..last] + "a" + word[(last + 1)..];
        }

        if (Vowels.Contains(word[0], StringComparison.Ordinal))
        {
            yield return "h" + word; // abis -> habis, ujan -> hujan
        }

        // A dropped h between two vowels: liat -> lihat, tau -> tahu, pait -> pahit.
        for (var i = 1; i < word.Length; i++)
        {
            if (Vowels.Contains(word[i - 1], StringComparison.Ordinal) && Vowels.Contains(word[i], StringComparison.Ordinal) && word[i - 1] != word[i])
            {
                yield return word[..i] + "h" + word[i..];
            }
        }
    }

    /// <summary>Three or more of the same letter in a row become one (<c>bangettt</c>, <c>bisaaa</c>).</summary>
    private static string Squeeze(string word)
    {
        var builder = new System.Text.StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var run = 1;
            while (i + run < word.Length && word[i + run] == word[i])
            {
                run++;
            }

            builder.Append(word[i], run >= 3 ? 1 : run);
            i += run - 1;
        }

        return builder.ToString();
    }

    private static void Add(List<string> variants, string candidate)
    {
        if (candidate.Length >= 2 && !variants.Contains(candidate, StringComparer.Ordinal))
        {
            variants.Add(candidate);
        }
    }
}
