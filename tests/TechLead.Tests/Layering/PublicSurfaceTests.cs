using Mono.Cecil;
using TechLead.Tests.Infrastructure;

namespace TechLead.Tests.Layering;

/// <summary>
/// The library is internal by default: a type is public only when a host (the local runner, the Functions app) names
/// it, or a public test signature does, or a public member of such a type exposes it (the compiler's rule). The
/// tests see the rest through InternalsVisibleTo. Read from the compiled assemblies with Mono.Cecil.
/// </summary>
public sealed class PublicSurfaceTests
{
    private const string Library = "TechLead";

    [Fact]
    public void Every_public_type_is_needed_by_a_host_or_a_test_signature()
    {
        using var library = Read(Library);
        var needed = Needed();
        var unneeded = library.MainModule.Types
            .Where(t => t.IsPublic && t.Namespace.StartsWith(Library, StringComparison.Ordinal))
            .Where(t => !needed.Contains(t.FullName) && !ConstantsAHostNames(t))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(unneeded.Count == 0, "Public types no host or test signature needs (make them internal):\n" + string.Join("\n", unneeded));
    }

    [Fact]
    public void At_most_199_top_level_types_are_public()
    {
        // Jobs and handlers a host resolves have internal constructors (built by the library's composition), so what
        // they depend on stays internal; 258 were public before, the goal was at most 199.
        using var library = Read(Library);
        var publicTypes = library.MainModule.Types.Count(t => t.IsPublic && t.Namespace.StartsWith(Library, StringComparison.Ordinal));

        Assert.True(publicTypes <= 199, $"{publicTypes} top-level types are public; at most 199 may be.");
    }

    [Fact]
    public void A_public_type_nothing_needs_is_reported()
    {
        // The check itself: a library type only the library uses is not in the needed set.
        var needed = Needed();

        Assert.DoesNotContain("TechLead.Signals.SignalEngine", needed);
        Assert.Contains("TechLead.Composition.TechLeadComposition", needed);
    }

    /// <summary>
    /// A class of constants a host's source names (<c>[Function(RouteNames.Health)]</c>): the compiler copies constants
    /// into the host, so the compiled host holds no reference to read.
    /// </summary>
    private static bool ConstantsAHostNames(TypeDefinition type)
    {
        if (!type.Fields.Any(f => f.IsPublic && f.HasConstant))
        {
            return false;
        }

        var hostSources = new[] { Path.Combine(RepoPaths.Root, "src", "TechLead.Local"), Path.Combine(RepoPaths.Root, "functions") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        return hostSources.Any(file => File.ReadAllText(file).Contains(type.Name + ".", StringComparison.Ordinal));
    }

    /// <summary>Library types the hosts reference, or public test signatures name, and what their public members expose.</summary>
    private static HashSet<string> Needed()
    {
        var roots = new List<TypeReference>();
        foreach (var host in new[] { "TechLead.Local", "TechLead.Functions" })
        {
            using var assembly = Read(host);
            roots.AddRange(assembly.MainModule.GetTypeReferences().Where(FromLibrary));
            roots.AddRange(assembly.MainModule.Types.Where(t => t.IsPublic).SelectMany(PublicSignature));
        }

        using (var tests = Read("TechLead.Tests"))
        {
            roots.AddRange(tests.MainModule.Types.Where(t => t.IsPublic).SelectMany(PublicSignature));
        }

        using var library = Read(Library);
        var byName = library.MainModule.Types.ToDictionary(t => t.FullName, StringComparer.Ordinal);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots.SelectMany(Named).Where(FromLibraryName));
        while (pending.TryPop(out var name))
        {
            if (!needed.Add(name) || !byName.TryGetValue(name, out var type))
            {
                continue;
            }

            foreach (var exposed in PublicSignature(type).SelectMany(Named).Where(byName.ContainsKey))
            {
                pending.Push(exposed);
            }
        }

        return needed;
    }

    /// <summary>Every type a public type's visible surface names: base, interfaces, public and protected members.</summary>
    private static IEnumerable<TypeReference> PublicSignature(TypeDefinition type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var face in type.Interfaces)
        {
            yield return face.InterfaceType;
        }

        foreach (var method in type.Methods.Where(m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly))
        {
            yield return method.ReturnType;
            foreach (var parameter in method.Parameters)
            {
                yield return parameter.ParameterType;
            }
        }

        foreach (var field in type.Fields.Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
        {
            yield return field.FieldType;
        }

        foreach (var nested in type.NestedTypes.Where(n => n.IsNestedPublic || n.IsNestedFamily))
        {
            foreach (var used in PublicSignature(nested))
            {
                yield return used;
            }
        }
    }

    /// <summary>The top-level type names inside a reference: generic arguments, arrays, by-refs and nesting unwrapped.</summary>
    private static IEnumerable<string> Named(TypeReference reference)
    {
        switch (reference)
        {
            case GenericInstanceType generic:
                foreach (var name in Named(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Named)))
                {
                    yield return name;
                }

                yield break;
            case TypeSpecification specification:
                foreach (var name in Named(specification.ElementType))
                {
                    yield return name;
                }

                yield break;
            case GenericParameter:
                yield break;
        }

        var outer = reference;
        while (outer.DeclaringType is { } declaring)
        {
            outer = declaring;
        }

        yield return outer.FullName;
    }

    private static bool FromLibrary(TypeReference reference) =>
        reference.Scope is AssemblyNameReference { Name: Library } || reference is GenericInstanceType;

    private static bool FromLibraryName(string name) => name.StartsWith(Library + ".", StringComparison.Ordinal);

    private static AssemblyDefinition Read(string name) =>
        AssemblyDefinition.ReadAssembly(Path.Combine(AppContext.BaseDirectory, name + ".dll"));
}
