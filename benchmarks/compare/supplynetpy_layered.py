"""One whole SupplyNetPy run of its layered benchmark network, as a user would run it: import the
library, build the network of N nodes with the benchmark's own build_network(N), simulate 500 days
without logging. whole-command.sh times this process from the outside (wall time, peak RSS).

Usage (from a scratch folder: SupplyNetPy's logger writes simulation_trace.log into it):
  PYTHONPATH=<anchors>/simpy:<anchors>/supplynetpy:<anchors>/supplynetpy/benchmark \
      /usr/bin/python3 supplynetpy_layered.py N
"""
import random
import sys

import SupplyNetPy.Components as scm
from benchmark_performance import build_network

n = int(sys.argv[1])
random.seed(0)
nodes, links, demands = build_network(n)
network = scm.create_sc_net(nodes, links, demands)
scm.simulate_sc_net(network, sim_time=500, logging=False)
