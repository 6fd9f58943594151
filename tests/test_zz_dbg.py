import time, httpx
from tests.test_serve import *
def test_dbg(server):
    r = httpx.post(server.endpoint, data={"query": NEVER_ENDS}, timeout=30)
    print(r.status_code, r.text)
    for i in range(10):
        print(httpx.get(server.base + "/health").json())
        time.sleep(1)
    print(server.log.read_text()[-3000:])
