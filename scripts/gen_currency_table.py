"""Write kg/data/currencies.cldr.json: the currency table with its CLDR forms (kg.extract.money).

Run after editing kg/data/currencies.jsonl or upgrading babel; tests/test_currency_names.py
fails while the shipped table is not the one this writes.
"""
from kg.extract.money import write_cldr_table

if __name__ == "__main__":
    print(write_cldr_table())
