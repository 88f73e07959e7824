"""Indonesian wording for Click's own messages (usage, options, errors), installed by the CLI."""

from __future__ import annotations

import click
import click.types

from reportgen.cli.click_internals import install_messages

MESSAGES = {
    "Usage:": "Cara pakai:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "No such option {name!r}.": "Opsi {name!r} tidak dikenal.",
    "No such command {name!r}.": "Perintah {name!r} tidak dikenal.",
    "Missing command.": "Perintah belum diberikan.",
    "Missing argument": "Argumen belum diberikan",
    "Missing option": "Opsi belum diberikan",
    "Missing parameter": "Parameter belum diberikan",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ditemukan.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas, bukan folder.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "Choose from:\n\t{choices}": "Pilih dari:\n\t{choices}",
    "default: {default}": "bawaan: {default}",
    "Aborted!": "Dibatalkan!",
    "file": "berkas",
    "directory": "folder",
    "path": "jalur",
    "integer": "bilangan bulat",
    "required": "wajib",
    "deprecated": "usang",
    "Positional arguments": "Argumen",
    "Missing parameter: {param_name}": "Parameter belum diberikan: {param_name}",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
    "Error: invalid input": "Galat: masukan tidak sah",
    "Error: The two entered values do not match.": "Galat: kedua isian tidak sama.",
    "Repeat for confirmation": "Ulangi untuk memastikan",
    "unknown error": "galat yang tidak diketahui",
}

# Click's messages that change with a count: (singular, plural) -> Indonesian (the same for both).
PLURALS = {
    "Got unexpected extra argument ({args})": "Ada argumen yang tidak dikenal ({args})",
    "Takes {nargs} values but 1 was given.": "Perlu {nargs} nilai, tetapi hanya 1 yang diberikan.",
    "Did you mean {possibility}?": "Maksud Anda {possibility}?",
    "Option {name!r} requires an argument.": "Opsi {name!r} perlu nilai.",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} does not match the format {format}.": "{value!r} tidak sesuai bentuk {format}.",
}
PLURAL_FORMS = {
    "Got unexpected extra arguments ({args})": "Ada argumen yang tidak dikenal ({args})",
    "Takes {nargs} values but {len} were given.": "Perlu {nargs} nilai, tetapi {len} yang diberikan.",
    "(Did you mean one of: {possibilities}?)": "(Maksud Anda salah satu dari: {possibilities}?)",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} perlu {nargs} nilai.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "{value!r} does not match the formats {formats}.": "{value!r} tidak sesuai bentuk {formats}.",
}


def translate_plural(singular: str, plural: str, count: int) -> str:
    """Return the Indonesian text of one of Click's counted messages (Indonesian has one form for both)."""
    if count == 1:
        return PLURALS.get(singular, singular)
    return PLURAL_FORMS.get(plural, plural)


def describe_range(self) -> str:
    """Return a number range as help shows it: "1 sampai 64", "paling sedikit 1"."""
    if self.min is not None and self.max is not None:
        return f"{self.min} sampai {self.max}"
    if self.min is not None:
        return f"paling sedikit {self.min}"
    return f"paling banyak {self.max}"


def translate(message: str) -> str:
    """Return the Indonesian text of one of Click's messages (unchanged when unknown)."""
    return MESSAGES.get(message, message)


class Command(click.Command):
    """A Click command whose usage line reads in Indonesian."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPSI]")
        super().__init__(*args, **kwargs)


# The English command names of earlier versions, kept so that scripts written for them still run.
ALIASES = {"pacts": "pakta", "decree": "keputusan", "action-plan": "rencana-aksi", "score": "nilai",
           "annual-report": "laporan", "build": "semua", "register": "daftar", "verify": "periksa",
           "sign": "tandatangani"}


class Group(click.Group):
    """A Click group whose usage line and subcommands read in Indonesian; the English names still work."""

    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPSI]")
        kwargs.setdefault("subcommand_metavar", "PERINTAH [ARGUMEN]...")
        super().__init__(*args, **kwargs)

    def get_command(self, ctx, cmd_name):
        return super().get_command(ctx, ALIASES.get(cmd_name, cmd_name))

    def resolve_command(self, ctx, args):
        _, command, rest = super().resolve_command(ctx, args)
        return command.name if command else None, command, rest  # the Indonesian name in messages

    def format_commands(self, ctx, formatter):
        """List the commands with their earlier English names beside them."""
        english = {v: k for k, v in ALIASES.items()}
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            label = f"{name} ({english[name]})" if name in english else name
            rows.append((label, command.get_short_help_str(limit=200)))
        if rows:
            with formatter.section(translate("Commands")):
                formatter.write_dl(rows)


def install() -> None:
    """Make Click print its own messages and value types in Indonesian."""
    install_messages(translate, translate_plural, describe_range)
    click.types.StringParamType.name = "teks"
    click.types.IntParamType.name = "angka"
    click.types.IntRange.name = "angka"
    click.types.FloatParamType.name = "angka desimal"
